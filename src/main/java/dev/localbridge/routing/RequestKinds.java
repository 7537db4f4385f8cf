package dev.localbridge.routing;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.Message;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Role;
import java.util.List;

/**
 * The one classifier of requests: Claude Code's side requests from main turns. Claude Code says so itself when run
 * with {@code CLAUDE_CODE_GATEWAY_HINT_HEADERS=1} ({@code x-claude-code-request-class: compaction} or
 * {@code auxiliary}); otherwise by their shape in its real traffic (version 2.1.328), each rule strict enough that
 * another client's request is never mistaken for one:
 * <ul>
 *   <li>the quota probe: {@code max_tokens: 1}, one user message saying "quota", no tools (another one-token
 *       request is a main turn: it needs the model the user chose);</li>
 *   <li>the session title: a JSON schema for the output, no tools, and a system prompt about naming the session;</li>
 *   <li>compaction: the last user turn demands a text-only answer.</li>
 * </ul>
 */
public final class RequestKinds {
    public static final String REQUEST_CLASS_HEADER = "x-claude-code-request-class";
    static final String QUOTA_MARKER = "quota";
    static final String TITLE_MARKER = "naming a coding session";
    static final String COMPACTION_MARKER = "Respond with TEXT ONLY";

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
        if (request.maxTokens() == 1 && request.messages().size() == 1 && request.tools().isEmpty()
                && lastUserTextMentions(request, QUOTA_MARKER)) {
            return RequestKind.QUOTA_PROBE;
        }
        if (request.outputConfig().jsonSchema() != null && request.tools().isEmpty()
                && systemMentions(request, TITLE_MARKER)) {
            return RequestKind.TITLE;
        }
        if (lastUserTextMentions(request, COMPACTION_MARKER)) {
            return RequestKind.COMPACTION;
        }
        return RequestKind.MAIN;
    }

    private static boolean systemMentions(MessagesRequest request, String marker) {
        for (ContentBlock.Text block : request.system()) {
            if (block.text().contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lastUserTextMentions(MessagesRequest request, String marker) {
        List<Message> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message.role() == Role.USER) {
                for (ContentBlock block : message.content()) {
                    if (block instanceof ContentBlock.Text text && text.text().contains(marker)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }
}
