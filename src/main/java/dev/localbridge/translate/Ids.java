package dev.localbridge.translate;

import java.util.concurrent.ThreadLocalRandom;

/** Anthropic-style identifiers: {@code msg_…} and {@code toolu_…} with 24 base62 characters. */
public final class Ids {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {
    }

    public static String messageId() {
        return random("msg_");
    }

    public static String toolUseId() {
        return random("toolu_");
    }

    private static String random(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[prefix.length() + 24];
        prefix.getChars(0, prefix.length(), out, 0);
        for (int i = prefix.length(); i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
