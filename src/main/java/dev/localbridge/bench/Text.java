package dev.localbridge.bench;

/** Text helpers for messages. */
final class Text {
    private Text() {
    }

    /** A body shortened for a one-line message. */
    static String snippet(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 297) + "...";
    }
}
