package dev.localbridge.translate.toolcall;

/** Decisions on the few characters held at a possible call's start: is it an opener, maybe one, or plain text. */
final class Markers {
    enum Start { YES, NO, MAYBE }

    private static final int MAX_KEY = 16;
    private static final int MAX_TOKEN = 30;

    private Markers() {
    }

    /** A complete special token such as {@code <|eot_id|>} or {@code <｜end▁of▁sentence｜>}. */
    static boolean controlToken(CharSequence held) {
        int n = held.length();
        if (n < 5 || held.charAt(0) != '<') {
            return false;
        }
        if (held.charAt(1) == '|') {
            return held.charAt(n - 2) == '|' && held.charAt(n - 1) == '>' && tokenName(held, 2, n - 2, true);
        }
        if (held.charAt(1) == '｜') {
            return held.charAt(n - 2) == '｜' && held.charAt(n - 1) == '>' && tokenName(held, 2, n - 2, false);
        }
        return false;
    }

    /** The start of a special token, not yet complete. */
    static boolean controlPrefix(CharSequence held) {
        int n = held.length();
        if (n == 1) {
            return held.charAt(0) == '<';
        }
        if (held.charAt(0) != '<' || n > MAX_TOKEN + 4) {
            return false;
        }
        char bar = held.charAt(1);
        if (bar != '|' && bar != '｜') {
            return false;
        }
        int end = n;
        if (n > 2 && held.charAt(n - 1) == bar) {
            end = n - 1;
        }
        return tokenName(held, 2, end, bar == '|') || end == 2;
    }

    private static boolean tokenName(CharSequence text, int from, int to, boolean ascii) {
        if (to - from > MAX_TOKEN || to < from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean ok = ascii ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    : c != '｜' && c != '\n' && c != '<' && c != '>';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"name"} / {"type"} / {"function"}} at {@code from}: the first key of a call object. */
    static Start jsonCall(CharSequence held, int from) {
        int i = from + 1;
        int n = held.length();
        while (i < n && Character.isWhitespace(held.charAt(i))) {
            i++;
        }
        if (i == n) {
            return Start.MAYBE;
        }
        if (held.charAt(i) != '"') {
            return Start.NO;
        }
        int keyStart = ++i;
        while (i < n && held.charAt(i) != '"') {
            char c = held.charAt(i);
            if (i - keyStart >= MAX_KEY || !(Character.isLetter(c) || c == '_')) {
                return Start.NO;
            }
            i++;
        }
        if (i == n) {
            return Start.MAYBE;
        }
        return switch (held.subSequence(keyStart, i).toString()) {
            case "name", "type", "function", "tool_name" -> Start.YES;
            default -> Start.NO;
        };
    }

    /** {@code [name(} (Gemma's call list) or {@code [{"name"} (a JSON call list). */
    static Start callList(CharSequence held) {
        int i = 1;
        int n = held.length();
        while (i < n && Character.isWhitespace(held.charAt(i))) {
            i++;
        }
        if (i == n) {
            return Start.MAYBE;
        }
        char first = held.charAt(i);
        if (first == '{') {
            return jsonCall(held, i);
        }
        if (!(Character.isLetter(first) || first == '_')) {
            return Start.NO;
        }
        while (i < n) {
            char c = held.charAt(i);
            if (c == '(') {
                return Start.YES;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                return Start.NO;
            }
            i++;
        }
        return Start.MAYBE;
    }
}
