package dev.localbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GGUF files for tests: headers written from scratch (any architecture, context and size; the size is a sparse
 * extension, so a "17 GB" model takes no disk), and copies of the tiny model with another training context patched
 * in, which llama-server still loads.
 */
public final class GgufFiles {
    private GgufFiles() {
    }

    /** A GGUF v3 header with a few typical keys (an array of strings and a float among them), sparse to {@code size}. */
    public static Path write(Path file, String architecture, long contextLength, String type, long size)
            throws IOException {
        ByteArrayOutputStream kvs = new ByteArrayOutputStream();
        int count = 0;
        count += stringKv(kvs, "general.architecture", architecture);
        count += stringKv(kvs, "general.name", file.getFileName().toString());
        if (type != null) {
            count += stringKv(kvs, "general.type", type);
        }
        key(kvs, "tokenizer.ggml.tokens");
        kvs.writeBytes(le(4, 9)); // array
        kvs.writeBytes(le(4, 8)); // of strings
        kvs.writeBytes(le(8, 3));
        for (String token : new String[] {"<s>", "</s>", "hello"}) {
            string(kvs, token);
        }
        count++;
        key(kvs, architecture + ".rope.freq_base");
        kvs.writeBytes(le(4, 6)); // float32
        kvs.writeBytes(le(4, Float.floatToIntBits(10000f)));
        count++;
        key(kvs, architecture + ".context_length");
        kvs.writeBytes(le(4, 4)); // uint32
        kvs.writeBytes(le(4, contextLength));
        count++;
        ByteArrayOutputStream gguf = new ByteArrayOutputStream();
        gguf.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        gguf.writeBytes(le(4, 3));
        gguf.writeBytes(le(8, 0));
        gguf.writeBytes(le(8, count));
        gguf.writeBytes(kvs.toByteArray());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, gguf.toByteArray());
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Math.max(size, gguf.size()));
        }
        return file;
    }

    /** A copy of a real GGUF whose {@code <arch>.context_length} (a uint32) says {@code contextLength} instead. */
    public static Path withContextLength(Path source, Path target, int contextLength) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        byte[] key = ".context_length".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, key);
        if (at < 0 || ByteBuffer.wrap(bytes, at + key.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() != 4) {
            throw new IOException("no uint32 context_length in " + source);
        }
        ByteBuffer.wrap(bytes, at + key.length + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(contextLength);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, bytes);
        return target;
    }

    private static int indexOf(byte[] bytes, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= bytes.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (bytes[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int stringKv(ByteArrayOutputStream out, String key, String value) {
        key(out, key);
        out.writeBytes(le(4, 8));
        string(out, value);
        return 1;
    }

    private static void key(ByteArrayOutputStream out, String key) {
        string(out, key);
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(le(8, bytes.length));
        out.writeBytes(bytes);
    }

    private static byte[] le(int size, long value) {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        if (size == 4) {
            buffer.putInt((int) value);
        } else {
            buffer.putLong(value);
        }
        return buffer.array();
    }
}
