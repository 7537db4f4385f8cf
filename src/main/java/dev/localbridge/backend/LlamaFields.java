package dev.localbridge.backend;

import java.nio.charset.StandardCharsets;

/**
 * Adds llama-server's own fields to a serialized chat-completions request, first in the JSON object:
 * <ul>
 *   <li>{@code id_slot}, so the request runs in the slot that holds its conversation's KV cache;</li>
 *   <li>{@code return_progress}, so llama-server's first chunk, sent as a slot starts on the request (before the
 *       prefill), says the prompt's exact size in tokens: the budget's exact count, from the backend itself.</li>
 * </ul>
 */
public final class LlamaFields {
    private LlamaFields() {
    }

    /**
     * The body with {@code "id_slot": slot} (unless {@code slot} is negative: the backend chooses) and
     * {@code "return_progress": true} (with {@code progress}); the body itself when there is nothing to add.
     */
    public static byte[] add(byte[] body, int slot, boolean progress) {
        if ((slot < 0 && !progress) || body.length < 2 || body[0] != '{') {
            return body;
        }
        String fields = (slot >= 0 ? "\"id_slot\":" + slot : "")
                + (slot >= 0 && progress ? "," : "") + (progress ? "\"return_progress\":true" : "");
        byte[] head = ("{" + fields + (body[1] == '}' ? "" : ",")).getBytes(StandardCharsets.US_ASCII);
        byte[] added = new byte[head.length + body.length - 1];
        System.arraycopy(head, 0, added, 0, head.length);
        System.arraycopy(body, 1, added, head.length, body.length - 1);
        return added;
    }
}
