package dev.localbridge.stack;

/** Something the user must fix to get the stack running; the message says what, in one or a few lines. */
public final class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
