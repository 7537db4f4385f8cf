package dev.localbridge.bench;

/** A benchmark request that did not produce a measurement; the message says why, in plain words. */
public final class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
