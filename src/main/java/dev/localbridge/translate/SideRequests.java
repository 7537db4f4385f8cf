package dev.localbridge.translate;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.Message;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Role;
import dev.localbridge.anthropic.StopReason;
import dev.localbridge.anthropic.StreamEvent;
import dev.localbridge.anthropic.Usage;
import java.util.List;

/**
 * Recognises the requests Claude Code sends beside the conversation itself (seen in its real traffic, version
 * 2.1.328): the session title (structured output, no tools, a system prompt about naming the session), the
 * compaction summary (the last user turn demands a text-only answer), and the quota probe ({@code max_tokens: 1},
 * one user message saying "quota").
 * The pool can route the first two to a small model; the probe's answer needs no model at all.
 */
public final class SideRequests {
    /** What a request is for. */
    public enum Kind {
        /** A turn of the conversation: the model the user chose. */
        MAIN,
        /** Claude Code naming the session: a few words of JSON, any small model will do. */
        SESSION_TITLE,
        /** Claude Code summarising the conversation to compact it: long input, text only, no tools used. */
        COMPACTION,
        /** A request for one token, sent to check the API answers: answered by the bridge itself. */
        QUOTA_PROBE
    }

    static final String TITLE_MARKER = "naming a coding session";
    static final String COMPACTION_MARKER = "Respond with TEXT ONLY";
    /** The probe is one user message saying "quota" and asking for one token; other one-token requests need a model. */
    static final String QUOTA_MARKER = "quota";

    private SideRequests() {
    }

    public static Kind classify(MessagesRequest request) {
        if (request.maxTokens() == 1 && request.messages().size() == 1 && request.tools().isEmpty()
                && lastUserTextMentions(request, QUOTA_MARKER)) {
            return Kind.QUOTA_PROBE;
        }
        if (request.outputConfig().jsonSchema() != null && request.tools().isEmpty()
                && systemMentions(request, TITLE_MARKER)) {
            return Kind.SESSION_TITLE;
        }
        if (lastUserTextMentions(request, COMPACTION_MARKER)) {
            return Kind.COMPACTION;
        }
        return Kind.MAIN;
    }

    /** Whether the bridge answers this kind itself, without a backend. */
    public static boolean answeredByBridge(Kind kind) {
        return switch (kind) {
            case QUOTA_PROBE -> true;
            case MAIN, SESSION_TITLE, COMPACTION -> false;
        };
    }

    /**
     * The whole answer to a request the bridge answers itself, as the events of a message (for a stream, or for
     * {@link dev.localbridge.anthropic.MessageAggregator}): one token of text, stopped by {@code max_tokens}.
     */
    public static List<StreamEvent> answer(MessagesRequest request, String messageId) {
        if (!answeredByBridge(classify(request))) {
            throw new IllegalArgumentException("this request needs a model");
        }
        return List.of(
                new StreamEvent.MessageStart(messageId, request.model(), new Usage(0, 1, 0)),
                new StreamEvent.BlockStart(0, new ContentBlock.Text("")),
                new StreamEvent.BlockDelta(0, new StreamEvent.Delta.Text("ok")),
                new StreamEvent.BlockStop(0),
                new StreamEvent.MessageDelta(StopReason.MAX_TOKENS, null, new Usage(0, 1, 0)),
                StreamEvent.MESSAGE_STOP);
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
