package dev.localbridge.routing;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Tool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    static String prefixHash(MessagesRequest request) {
        MessageDigest digest = sha256();
        for (ContentBlock.Text block : request.system()) {
            if (!block.text().startsWith(BILLING_HEADER)) {
                update(digest, block.text());
            }
        }
        for (Tool tool : request.tools()) {
            update(digest, tool.name());
            update(digest, tool.description() == null ? "" : tool.description());
        }
        if (!request.messages().isEmpty()) {
            update(digest, request.messages().getFirst().toString());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
