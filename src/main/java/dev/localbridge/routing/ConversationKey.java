package dev.localbridge.routing;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Tool;
import java.util.Objects;

/**
 * Which conversation a request belongs to. {@code session} keeps a conversation on its backend: Claude Code's
 * {@code X-Claude-Code-Session-Id} header when present, else the prompt's prefix (system + tools + first message),
 * which stays byte-identical for every turn of one conversation. {@code prefix} keeps it in its llama-server slot:
 * the session and the prefix together, so that a session's side requests (a title, with its own system prompt)
 * do not take the slot that holds the main conversation's KV cache.
 */
public record ConversationKey(String session, String prefix) {
    public static final String SESSION_HEADER = "x-claude-code-session-id";
    private static final String BILLING_HEADER = "x-anthropic-billing-header:";

    public ConversationKey {
        Objects.requireNonNull(session);
        Objects.requireNonNull(prefix);
    }

    /** @param sessionHeader the header's value, or null */
    public static ConversationKey of(String sessionHeader, MessagesRequest request) {
        String prefixHash = prefixHash(request);
        if (sessionHeader == null || sessionHeader.isBlank()) {
            return new ConversationKey("p:" + prefixHash, "p:" + prefixHash);
        }
        String session = "s:" + sessionHeader.strip();
        return new ConversationKey(session, session + "/" + prefixHash);
    }

    /**
     * A 64-bit hash of the prefix, from the strings' own hash codes: no copy of the prompt's 40 KB of system and
     * tools, nothing allocated. It only keeps conversations apart for routing (a collision shares a slot).
     */
    static String prefixHash(MessagesRequest request) {
        long hash = 0x1234_5678_9ABC_DEF0L;
        for (ContentBlock.Text block : request.system()) {
            if (!block.text().startsWith(BILLING_HEADER)) {
                hash = mix(hash, block.text());
            }
        }
        for (Tool tool : request.tools()) {
            hash = mix(mix(hash, tool.name()), tool.description() == null ? "" : tool.description());
        }
        if (!request.messages().isEmpty()) {
            hash = mix(hash, request.messages().getFirst().hashCode(), 0);
        }
        return Long.toHexString(hash);
    }

    private static long mix(long hash, String text) {
        return mix(hash, text.hashCode(), text.length());
    }

    private static long mix(long hash, int value, int length) {
        long h = (hash ^ value) * 0x9E37_79B9_7F4A_7C15L;
        h ^= (h >>> 29) ^ ((long) length << 17);
        return h * 0xBF58_476D_1CE4_E5B9L;
    }
}
