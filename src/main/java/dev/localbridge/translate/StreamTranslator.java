package dev.localbridge.translate;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.EventSink;
import dev.localbridge.anthropic.StopReason;
import dev.localbridge.anthropic.StreamEvent;
import dev.localbridge.anthropic.StreamEvent.Delta;
import dev.localbridge.anthropic.Usage;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.FinishReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns upstream chat-completion chunks into the Anthropic event grammar: one block open at a time with
 * increasing indices; thinking closed by its signature; text blocks opened only for non-blank text;
 * tool calls as consecutive tool_use blocks whose argument fragments stream as {@code input_json_delta};
 * a final {@code message_delta} with cumulative usage and {@code message_stop}.
 *
 * <p>A protocol state machine, confined to one thread. Not reusable.
 */
public final class StreamTranslator {
    private enum Open { NONE, TEXT, THINKING, TOOL }

    private final EventSink sink;
    private final boolean thinkingEnabled;
    private final ThinkingSignatures signatures;
    private final StopSequenceMatcher stops;
    private final long knownInputTokens;

    private final Map<Integer, ToolCall> toolCalls = new HashMap<>();
    private Open open = Open.NONE;
    private int nextIndex;
    private ToolCall openTool;
    private ThinkingSignatures.Signer signer;
    private final StringBuilder heldWhitespace = new StringBuilder();
    private boolean sawToolUse;
    private FinishReason finishReason;
    private ChatChunk.UpstreamUsage usage;
    private long deltas;
    private long droppedReasoning;
    private long orphanFragments;
    private boolean finished;
    private StopReason endedBy;

    private static final class ToolCall {
        final int blockIndex;
        String upstreamId;
        String name;
        final StringBuilder earlyArguments = new StringBuilder();
        boolean started;
        boolean sentArguments;

        ToolCall(int blockIndex) {
            this.blockIndex = blockIndex;
        }
    }

    /**
     * @param knownInputTokens the prompt's size if counted before sending (reported until the backend's own
     *     usage arrives), else 0
     */
    public StreamTranslator(EventSink sink, boolean thinkingEnabled, List<String> stopSequences,
                            ThinkingSignatures signatures, long knownInputTokens) {
        this.sink = sink;
        this.thinkingEnabled = thinkingEnabled;
        this.signatures = signatures;
        this.stops = stopSequences.isEmpty() ? null : new StopSequenceMatcher(stopSequences);
        this.knownInputTokens = knownInputTokens;
    }

    public void start(String messageId, String model) {
        sink.accept(new StreamEvent.MessageStart(messageId, model, new Usage(knownInputTokens, 1, 0)));
    }

    /**
     * Handles one chunk. Returns {@code true} when the message is complete on the bridge's side (a stop
     * sequence matched): the caller should then cancel the upstream request; the final events are already out.
     */
    public boolean onChunk(ChatChunk chunk) {
        if (finished) {
            return true;
        }
        if (chunk.error() != null) {
            throw UpstreamErrors.fromStreamError(chunk.error());
        }
        if (chunk.reasoning() != null && !chunk.reasoning().isEmpty()) {
            onReasoning(chunk.reasoning());
        }
        if (chunk.content() != null && !chunk.content().isEmpty() && onText(chunk.content())) {
            return true;
        }
        for (ChatChunk.ToolCallDelta call : chunk.toolCalls()) {
            onToolCall(call);
        }
        if (chunk.finishReason() != null) {
            finishReason = chunk.finishReason();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        return false;
    }

    /** The upstream stream ended normally ({@code [DONE]} or end of body). */
    public void finish() {
        if (finished) {
            return;
        }
        if (stops != null) {
            emitText(stops.flush());
        }
        complete(stopReason(), null);
    }

    /** The message failed after the stream began: an {@code error} event, and nothing more. */
    public void fail(ApiException error) {
        if (!finished) {
            finished = true;
            sink.accept(new StreamEvent.Error(error));
        }
    }

    public boolean finished() {
        return finished;
    }

    /** Reasoning the request did not ask for and that was therefore dropped (counted for diagnostics). */
    public long droppedReasoningDeltas() {
        return droppedReasoning;
    }

    /** Tool argument fragments that arrived for a call whose block had already closed. */
    public long orphanToolFragments() {
        return orphanFragments;
    }

    private void onReasoning(String text) {
        if (!thinkingEnabled) {
            droppedReasoning++;
            return;
        }
        deltas++;
        if (open != Open.THINKING) {
            releaseHeldText();
            openBlock(Open.THINKING, new ContentBlock.Thinking("", ""));
            signer = signatures.signer();
        }
        signer.update(text);
        sink.accept(new StreamEvent.BlockDelta(nextIndex - 1, new Delta.Thinking(text)));
    }

    /** Returns true if a stop sequence ended the message. */
    private boolean onText(String text) {
        deltas++;
        if (stops == null) {
            emitText(text);
            return false;
        }
        emitText(stops.feed(text));
        if (stops.matched() != null) {
            complete(StopReason.STOP_SEQUENCE, stops.matched());
            return true;
        }
        return false;
    }

    /** Whitespace is held back until real text follows, so no block is ever only blank. */
    private void emitText(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (open != Open.TEXT) {
            if (text.isBlank()) {
                heldWhitespace.append(text);
                return;
            }
            openBlock(Open.TEXT, new ContentBlock.Text(""));
            if (!heldWhitespace.isEmpty()) {
                text = heldWhitespace.append(text).toString();
                heldWhitespace.setLength(0);
            }
        }
        sink.accept(new StreamEvent.BlockDelta(nextIndex - 1, new Delta.Text(text)));
    }

    /** Text held back as a possible stop sequence cannot continue past another block, so it goes out first. */
    private void releaseHeldText() {
        if (stops != null) {
            emitText(stops.flush());
        }
    }

    private void onToolCall(ChatChunk.ToolCallDelta delta) {
        ToolCall call = toolCalls.get(delta.index());
        if (call == null || (call.upstreamId != null && delta.id() != null && !delta.id().equals(call.upstreamId))) {
            // A new call, or a backend that reuses an index for the next call under a new id.
            call = new ToolCall(-1);
            call.upstreamId = delta.id();
            toolCalls.put(delta.index(), call);
        }
        if (delta.name() != null && !delta.name().isEmpty() && call.name == null) {
            call.name = delta.name();
        }
        String arguments = delta.arguments() == null ? "" : delta.arguments();
        if (!arguments.isEmpty()) {
            deltas++;
        }
        if (!call.started) {
            call.earlyArguments.append(arguments);
            if (call.name != null) {
                startTool(delta.index(), call);
            }
            return;
        }
        if (call != openTool) {
            orphanFragments++;
            return;
        }
        sendArguments(call, arguments);
    }

    private void startTool(int upstreamIndex, ToolCall pending) {
        releaseHeldText();
        ToolCall call = new ToolCall(nextIndex);
        call.name = pending.name;
        call.upstreamId = pending.upstreamId;
        call.started = true;
        toolCalls.put(upstreamIndex, call);
        openBlock(Open.TOOL, new ContentBlock.ToolUse(Ids.toolUseId(), call.name,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
        openTool = call;
        sawToolUse = true;
        sendArguments(call, pending.earlyArguments.toString());
    }

    private void sendArguments(ToolCall call, String arguments) {
        if (arguments.isEmpty()) {
            return;
        }
        call.sentArguments = true;
        sink.accept(new StreamEvent.BlockDelta(call.blockIndex, new Delta.InputJson(arguments)));
    }

    private void openBlock(Open kind, ContentBlock start) {
        closeBlock();
        if (kind != Open.TEXT) {
            heldWhitespace.setLength(0);
        }
        open = kind;
        sink.accept(new StreamEvent.BlockStart(nextIndex++, start));
    }

    private void closeBlock() {
        int index = nextIndex - 1;
        switch (open) {
            case NONE -> {
                return;
            }
            case THINKING -> sink.accept(new StreamEvent.BlockDelta(index, new Delta.Signature(signer.finish())));
            case TOOL -> {
                if (!openTool.sentArguments) {
                    sink.accept(new StreamEvent.BlockDelta(index, new Delta.InputJson("{}")));
                }
                openTool = null;
            }
            case TEXT -> {
            }
        }
        sink.accept(new StreamEvent.BlockStop(index));
        open = Open.NONE;
    }

    private void complete(StopReason reason, String stopSequence) {
        endedBy = reason;
        heldWhitespace.setLength(0);
        closeBlock();
        finished = true;
        sink.accept(new StreamEvent.MessageDelta(reason, stopSequence, usage()));
        sink.accept(StreamEvent.MESSAGE_STOP);
    }

    /** Why the message ended; only meaningful once {@link #finished()}. */
    public StopReason stopReason() {
        if (endedBy != null) {
            return endedBy;
        }
        if (finishReason == null) {
            return sawToolUse ? StopReason.TOOL_USE : StopReason.END_TURN;
        }
        return switch (finishReason) {
            case LENGTH -> StopReason.MAX_TOKENS;
            case CONTENT_FILTER -> StopReason.REFUSAL;
            case TOOL_CALLS -> StopReason.TOOL_USE;
            case STOP, OTHER -> sawToolUse ? StopReason.TOOL_USE : StopReason.END_TURN;
        };
    }

    /** The backend's usage when it sent one; otherwise the known prompt size and one token per delta. */
    public Usage usage() {
        if (usage == null) {
            return new Usage(knownInputTokens, deltas, 0);
        }
        return new Usage(usage.promptTokens() - usage.cachedTokens(), usage.completionTokens(),
                usage.cachedTokens());
    }
}
