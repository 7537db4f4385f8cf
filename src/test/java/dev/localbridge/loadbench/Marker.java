package dev.localbridge.loadbench;

import java.nio.charset.StandardCharsets;

/**
 * The request id the harness writes into the last user message of every request ({@code [lbq:ID]}), so the
 * fake upstream can tell which client request a chat request is, whoever translated it on the way.
 */
final class Marker {
    private static final byte[] PREFIX = "[lbq:".getBytes(StandardCharsets.US_ASCII);

    private Marker() {
    }

    static String of(long id) {
        return "[lbq:" + id + "]";
    }

    /** The id of the last marker in a body, or -1 when there is none. */
    static long find(byte[] body) {
        for (int at = body.length - PREFIX.length; at >= 0; at--) {
            if (startsWith(body, at)) {
                long id = 0;
                int digits = 0;
                for (int i = at + PREFIX.length; i < body.length && body[i] >= '0' && body[i] <= '9'; i++, digits++) {
                    id = id * 10 + (body[i] - '0');
                }
                return digits == 0 ? -1 : id;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] body, int at) {
        for (int i = 0; i < PREFIX.length; i++) {
            if (body[at + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }
}
