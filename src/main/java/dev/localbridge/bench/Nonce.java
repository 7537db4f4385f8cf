package dev.localbridge.bench;

import java.security.SecureRandom;

/**
 * A per-request marker put at the start of the prompt so that no run reuses another's prompt cache. It has a
 * fixed shape (twelve digits), so it tokenizes to the same number of tokens every time and runs stay comparable.
 */
final class Nonce {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Nonce() {
    }

    static String next() {
        long digits = 100_000_000_000L + (long) (RANDOM.nextDouble() * 899_999_999_999L);
        return "[bench run " + digits + "]";
    }
}
