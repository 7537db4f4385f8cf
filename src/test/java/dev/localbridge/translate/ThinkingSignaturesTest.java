package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThinkingSignaturesTest {
    private final ThinkingSignatures signatures = new ThinkingSignatures(RequestTranslatorTest.key((byte) 1));

    @Test
    void a_signature_verifies_for_its_own_text() {
        String signature = signatures.sign("Let me think about this.");

        assertThat(signature).startsWith("lb1.").matches("lb1\\.[A-Za-z0-9_-]{43}");
        assertThat(signatures.verify("Let me think about this.", signature)).isTrue();
    }

    @Test
    void signing_is_deterministic_under_one_key() {
        assertThat(signatures.sign("same")).isEqualTo(signatures.sign("same"));
        assertThat(signatures.sign("same")).isNotEqualTo(signatures.sign("different"));
    }

    @Test
    void tampered_text_does_not_verify() {
        String signature = signatures.sign("I will delete the tests.");

        assertThat(signatures.verify("I will keep the tests.", signature)).isFalse();
        assertThat(signatures.verify("I will delete the tests. ", signature)).isFalse();
        assertThat(signatures.verify("", signature)).isFalse();
    }

    @Test
    void a_tampered_signature_does_not_verify() {
        String signature = signatures.sign("text");
        char last = signature.charAt(signature.length() - 1);
        String tampered = signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(signatures.verify("text", tampered)).isFalse();
        assertThat(signatures.verify("text", signature.substring(0, signature.length() - 1))).isFalse();
        assertThat(signatures.verify("text", signature + "A")).isFalse();
    }

    @Test
    void a_signature_from_another_key_does_not_verify() {
        ThinkingSignatures other = new ThinkingSignatures(RequestTranslatorTest.key((byte) 2));

        assertThat(signatures.verify("text", other.sign("text"))).isFalse();
        assertThat(other.verify("text", signatures.sign("text"))).isFalse();
    }

    @Test
    void missing_empty_and_foreign_signatures_do_not_verify() {
        assertThat(signatures.verify("text", null)).isFalse();
        assertThat(signatures.verify("text", "")).isFalse();
        assertThat(signatures.verify("text", "EqQBCkYIBxgCKkDanthropic")).isFalse();
        assertThat(signatures.verify("text", "lb1.")).isFalse();
    }

    @Test
    void incremental_signing_equals_one_shot_signing() {
        ThinkingSignatures.Signer signer = signatures.signer();
        signer.update("The user ");
        signer.update("wants ünïcödé 🚀");
        signer.update("");
        signer.update(" output.");

        assertThat(signer.finish()).isEqualTo(signatures.sign("The user wants ünïcödé 🚀 output."));
    }

    @Test
    void the_empty_text_has_a_verifiable_signature() {
        assertThat(signatures.verify("", signatures.signer().finish())).isTrue();
    }

    @Test
    void the_key_is_copied_so_later_changes_do_not_affect_signatures() {
        byte[] key = RequestTranslatorTest.key((byte) 4);
        ThinkingSignatures owned = new ThinkingSignatures(key);
        String before = owned.sign("text");
        key[0] = 99;

        assertThat(owned.sign("text")).isEqualTo(before);
    }

    @Test
    void a_short_key_is_refused() {
        assertThatThrownBy(() -> new ThinkingSignatures(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }
}
