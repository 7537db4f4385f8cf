package dev.localbridge.stack;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a GGUF file says of itself in its header: the architecture, the model's name and its training context
 * ({@code <arch>.context_length}). Only the header and the key/value metadata are read (GGUF versions 2 and 3:
 * magic, version, tensor count, metadata count, then typed key/value pairs, little-endian); large arrays such as the
 * tokenizer's vocabulary are skipped, never held. A file that is not GGUF, or whose header is cut short or
 * implausible, is an {@link IOException} that says so.
 *
 * @param contextLength the training context in tokens, 0 when the file does not say
 * @param type {@code general.type} ("model", "adapter", "mmproj", …), null when absent
 */
public record GgufMetadata(String architecture, String name, long contextLength, String type) {
    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final long MAX_KEYS = 1 << 20;
    private static final int MAX_KEY_BYTES = 64 * 1024;
    private static final int MAX_KEPT_STRING_BYTES = 64 * 1024;

    /** The value types of GGUF metadata, by their number in the format. */
    private enum ValueType {
        UINT8(1), INT8(1), UINT16(2), INT16(2), UINT32(4), INT32(4), FLOAT32(4), BOOL(1), STRING(-1), ARRAY(-1),
        UINT64(8), INT64(8), FLOAT64(8);

        final int size;

        ValueType(int size) {
            this.size = size;
        }

        static ValueType of(int code) throws IOException {
            if (code < 0 || code >= values().length) {
                throw new IOException("unknown GGUF value type " + code);
            }
            return values()[code];
        }
    }

    public static GgufMetadata read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return read(in);
        } catch (EOFException e) {
            throw new IOException(file + " ends inside its GGUF header");
        }
    }

    static GgufMetadata read(InputStream stream) throws IOException {
        Reader in = new Reader(new DataInputStream(stream));
        if (in.u32() != MAGIC) {
            throw new IOException("not a GGUF file");
        }
        int version = in.u32();
        if (version != 2 && version != 3) {
            throw new IOException("GGUF version " + version + " is not supported (2 and 3 are)");
        }
        in.u64(); // tensor count
        long keys = in.u64();
        if (keys < 0 || keys > MAX_KEYS) {
            throw new IOException("implausible GGUF metadata count " + keys);
        }
        Map<String, Object> kept = new HashMap<>();
        for (long i = 0; i < keys; i++) {
            String key = in.string(MAX_KEY_BYTES);
            ValueType type = ValueType.of(in.u32());
            Object value = in.value(type, wanted(key));
            if (value != null) {
                kept.put(key, value);
            }
        }
        String architecture = text(kept.get("general.architecture"));
        Object context = architecture == null ? null : kept.get(architecture + ".context_length");
        return new GgufMetadata(architecture, text(kept.get("general.name")),
                context instanceof Long length && length > 0 ? length : 0, text(kept.get("general.type")));
    }

    private static boolean wanted(String key) {
        return key.equals("general.architecture") || key.equals("general.name") || key.equals("general.type")
                || key.endsWith(".context_length");
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /** Little-endian reads with bounds: nothing sized by the file is allocated beyond a small limit. */
    private record Reader(DataInputStream in) {
        int u32() throws IOException {
            return Integer.reverseBytes(in.readInt());
        }

        long u64() throws IOException {
            return Long.reverseBytes(in.readLong());
        }

        /** A value; returned when {@code keep} and it is a string or an integer, else skipped (null). */
        Object value(ValueType type, boolean keep) throws IOException {
            return switch (type) {
                case STRING -> keep ? string(MAX_KEPT_STRING_BYTES) : skipString();
                case ARRAY -> skipArray(0);
                case UINT32 -> keep ? Integer.toUnsignedLong(u32()) : skip(4);
                case INT32 -> keep ? (long) u32() : skip(4);
                case UINT64, INT64 -> keep ? u64() : skip(8);
                case UINT8, INT8, UINT16, INT16, FLOAT32, BOOL, FLOAT64 -> skip(type.size);
            };
        }

        String string(int limit) throws IOException {
            long length = u64();
            if (length < 0 || length > limit) {
                throw new IOException("a GGUF metadata string of " + length + " bytes is longer than " + limit);
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length < length) {
                throw new EOFException();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private Object skipString() throws IOException {
            long length = u64();
            if (length < 0) {
                throw new IOException("a GGUF metadata string has a negative length");
            }
            return skip(length);
        }

        private Object skipArray(int depth) throws IOException {
            if (depth > 8) {
                throw new IOException("GGUF metadata arrays nested deeper than 8");
            }
            ValueType element = ValueType.of(u32());
            long count = u64();
            if (count < 0) {
                throw new IOException("a GGUF metadata array has a negative length");
            }
            if (element.size > 0) {
                return skip(Math.multiplyExact(count, element.size));
            }
            for (long i = 0; i < count; i++) {
                if (element == ValueType.ARRAY) {
                    skipArray(depth + 1);
                } else {
                    skipString();
                }
            }
            return null;
        }

        private Object skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException();
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
            return null;
        }
    }
}
