package dev.localbridge.backend;

import java.nio.charset.StandardCharsets;

/**
 * Adds llama-server's {@code id_slot} to a serialized chat-completions request, so the request runs in the slot
 * that holds its conversation's KV cache. The body is a JSON object: the field goes first, before the others.
 */
public final class SlotPin {
    private SlotPin() {
    }

    /** The body with {@code "id_slot": slot}; the body itself when {@code slot} is negative (the backend chooses). */
    public static byte[] withSlot(byte[] body, int slot) {
        if (slot < 0 || body.length < 2 || body[0] != '{') {
            return body;
        }
        byte[] field = ("{\"id_slot\":" + slot + (body[1] == '}' ? "" : ",")).getBytes(StandardCharsets.US_ASCII);
        byte[] pinned = new byte[field.length + body.length - 1];
        System.arraycopy(field, 0, pinned, 0, field.length);
        System.arraycopy(body, 1, pinned, field.length, body.length - 1);
        return pinned;
    }
}
