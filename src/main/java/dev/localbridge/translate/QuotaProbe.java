package dev.localbridge.translate;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.StopReason;
import dev.localbridge.anthropic.StreamEvent;
import dev.localbridge.anthropic.Usage;
import java.util.List;

/**
 * The bridge's own answer to Claude Code's quota probe (one token, sent to check the API answers; recognised by
 * {@code routing/RequestKinds}): no model is needed for it.
 */
public final class QuotaProbe {
    private QuotaProbe() {
    }

    /**
     * The whole answer, as the events of a message (for a stream, or for
     * {@link dev.localbridge.anthropic.MessageAggregator}): one token of text, stopped by {@code max_tokens}.
     */
    public static List<StreamEvent> answer(MessagesRequest request, String messageId) {
        return List.of(
                new StreamEvent.MessageStart(messageId, request.model(), new Usage(0, 1, 0)),
                new StreamEvent.BlockStart(0, new ContentBlock.Text("")),
                new StreamEvent.BlockDelta(0, new StreamEvent.Delta.Text("ok")),
                new StreamEvent.BlockStop(0),
                new StreamEvent.MessageDelta(StopReason.MAX_TOKENS, null, new Usage(0, 1, 0)),
                StreamEvent.MESSAGE_STOP);
    }
}
