package dev.localbridge.map;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Puts the generated section into a {@code CLAUDE.md} without touching anything else: the bytes between the first
 * begin marker and the end marker after it are replaced, every other byte stays as it was (encoding, line endings
 * and all). A file without markers gets the section appended after a blank line; a missing file gets the section
 * alone. Markers count only at the start of a line.
 */
final class ClaudeMd {
    private static final byte[] BEGIN = MapRenderer.BEGIN.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = MapRenderer.END.getBytes(StandardCharsets.US_ASCII);

    private ClaudeMd() {
    }

    /**
     * The file's new content.
     *
     * @param existing the file's current bytes; empty if there is no file
     * @param section  the rendered section, markers included
     * @throws IllegalStateException if the file has a begin marker without an end marker after it
     */
    static byte[] merge(byte[] existing, String section) {
        byte[] generated = section.getBytes(StandardCharsets.UTF_8);
        int begin = indexAtLineStart(existing, BEGIN, 0);
        if (begin < 0) {
            return append(existing, generated);
        }
        int end = indexAtLineStart(existing, END, begin + BEGIN.length);
        if (end < 0) {
            throw new IllegalStateException("the file has " + MapRenderer.BEGIN + " but no " + MapRenderer.END
                    + " after it; add the end marker or remove the begin marker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(existing.length + generated.length);
        out.write(existing, 0, begin);
        out.writeBytes(generated);
        out.write(existing, end + END.length, existing.length - end - END.length);
        return out.toByteArray();
    }

    private static byte[] append(byte[] existing, byte[] generated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(existing.length + generated.length + 3);
        out.writeBytes(existing);
        if (existing.length > 0) {
            if (existing[existing.length - 1] != '\n') {
                out.write('\n');
            }
            out.write('\n');
        }
        out.writeBytes(generated);
        out.write('\n');
        return out.toByteArray();
    }

    private static int indexAtLineStart(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i + needle.length <= haystack.length; i++) {
            if ((i == 0 || haystack[i - 1] == '\n') && matchesAt(haystack, needle, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] haystack, byte[] needle, int at) {
        for (int j = 0; j < needle.length; j++) {
            if (haystack[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
