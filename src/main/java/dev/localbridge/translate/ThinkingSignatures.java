package dev.localbridge.translate;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs thinking blocks with an HMAC-SHA256 of their text under a per-install key, so a thinking block a
 * client sends back can be recognised as one this bridge produced (and its text trusted as the model's own).
 */
public final class ThinkingSignatures {
    private static final String PREFIX = "lb1.";
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public ThinkingSignatures(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("thinking signature key must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** An incremental signer: feed the thinking deltas as they stream, then {@link Signer#finish()}. */
    public Signer signer() {
        return new Signer(newMac());
    }

    public String sign(String thinking) {
        Signer signer = signer();
        signer.update(thinking);
        return signer.finish();
    }

    public boolean verify(String thinking, String signature) {
        Objects.requireNonNull(thinking);
        if (signature == null || !signature.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = sign(thinking).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    public static final class Signer {
        private final Mac mac;

        private Signer(Mac mac) {
            this.mac = mac;
        }

        public void update(String thinkingDelta) {
            mac.update(thinkingDelta.getBytes(StandardCharsets.UTF_8));
        }

        public String finish() {
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        }
    }
}
