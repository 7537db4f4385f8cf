package dev.localbridge.routing;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.Message;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Role;

/**
 * Tells Claude Code's side requests from main turns. Claude Code says so itself when run with
 * {@code CLAUDE_CODE_GATEWAY_HINT_HEADERS=1} ({@code x-claude-code-request-class: compaction} or {@code auxiliary});
 * otherwise by their shape: the session title asks for a JSON schema and offers no tools; compaction's last user
 * turn says {@code TEXT ONLY. Do NOT call any tools}; a probe asks for one token. Everything else is a main turn.
 */
public final class RequestKinds {
    public static final String REQUEST_CLASS_HEADER = "x-claude-code-request-class";
    static final String COMPACTION_MARKER = "TEXT ONLY. Do NOT call any tools";

    private RequestKinds() {
    }

    public static RequestKind classify(MessagesRequest request) {
        return classify(request, null);
    }

    /** @param requestClass Claude Code's {@code x-claude-code-request-class} header, or null */
    public static RequestKind classify(MessagesRequest request, String requestClass) {
        if ("compaction".equals(requestClass)) {
            return RequestKind.COMPACTION;
        }
        RequestKind shaped = byShape(request);
        if (shaped == RequestKind.MAIN && "auxiliary".equals(requestClass)) {
            return RequestKind.AUXILIARY;
        }
        return shaped;
    }

    private static RequestKind byShape(MessagesRequest request) {
        if (request.maxTokens() == 1) {
            return RequestKind.PROBE;
        }
        if (request.outputConfig().jsonSchema() != null && request.tools().isEmpty()) {
            return RequestKind.TITLE;
        }
        if (lastUserText(request).contains(COMPACTION_MARKER)) {
            return RequestKind.COMPACTION;
        }
        return RequestKind.MAIN;
    }

    private static String lastUserText(MessagesRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            Message message = request.messages().get(i);
            if (message.role() != Role.USER) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.Text t) {
                    text.append(t.text()).append('\n');
                }
            }
            return text.toString();
        }
        return "";
    }
}
