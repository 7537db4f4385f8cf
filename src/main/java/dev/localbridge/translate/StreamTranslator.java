package dev.localbridge.translate;

import dev.localbridge.json.JsonValue;
import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.EventSink;
import dev.localbridge.anthropic.StopReason;
import dev.localbridge.anthropic.StreamEvent;
import dev.localbridge.anthropic.StreamEvent.Delta;
import dev.localbridge.anthropic.Usage;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.FinishReason;
import dev.localbridge.translate.toolcall.RecoveredCall;
import dev.localbridge.translate.toolcall.Recovery;
import dev.localbridge.translate.toolcall.TextCallScanner;
import dev.localbridge.translate.toolcall.ToolSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns upstream chat-completion chunks into the Anthropic event grammar: one block open at a time with
 * increasing indices; thinking closed by its signature; text blocks opened only for non-blank text;
 * tool calls as consecutive tool_use blocks; a final {@code message_delta} with cumulative usage and
 * {@code message_stop}.
 *
 * <p>A tool call's arguments are held until the call is complete and go out as one {@code input_json_delta}
 * of valid JSON (repaired if need be, see {@link Recovery#backendCall}); arguments that cannot be made JSON become
 * text with a note instead of a tool call. With the request's tools, calls the model wrote as text are
 * recovered ({@link TextCallScanner}). A generation that repeats itself is stopped ({@link LoopDetector}).
 *
 * <p>A protocol state machine, confined to one thread. Not reusable.
 */
public final class StreamTranslator {
    private enum Open { NONE, TEXT, THINKING, TOOL }

    private final EventSink sink;
    private final boolean thinkingEnabled;
    private final ThinkingSignatures signatures;
    private final StopSequenceMatcher stops;
    private long knownInputTokens;
    /** Chunks that carried output (llama-server streams one token a chunk), and the most the answer may have. */
    private long outputChunks;
    private long outputLimit = Long.MAX_VALUE;
    private final TextCallScanner scanner;
    private final LoopDetector loops;

    private final Map<Integer, ToolCall> toolCalls = new HashMap<>();
    private Open open = Open.NONE;
    private int nextIndex;
    private ThinkingSignatures.Signer signer;
    private final StringBuilder heldWhitespace = new StringBuilder();
    private boolean sawToolUse;
    private FinishReason finishReason;
    private ChatChunk.UpstreamUsage usage;
    private long deltas;
    private long droppedReasoning;
    private long orphanFragments;
    private long recoveredCalls;
    private long repairedCalls;
    private long repairedBackendCalls;
    private long unusableCalls;
    private boolean finished;
    private StopReason endedBy;
    private ToolCall pendingCall;

    /** A backend tool call being assembled; {@code done} once it was emitted (or turned into text). */
    private static final class ToolCall {
        String upstreamId;
        String name;
        final StringBuilder arguments = new StringBuilder();
        boolean done;
    }

    /**
     * @param knownInputTokens the prompt's size if counted before sending (reported until the backend's own
     *     usage arrives), else 0
     */
    public StreamTranslator(EventSink sink, boolean thinkingEnabled, List<String> stopSequences,
                            ThinkingSignatures signatures, long knownInputTokens) {
        this(sink, thinkingEnabled, stopSequences, signatures, knownInputTokens, ToolSet.NONE,
                LoopDetector.Settings.DEFAULT);
    }

    /**
     * @param tools the request's tools: calls written as text are recovered only for these ({@link ToolSet#NONE}:
     *     no recovery)
     * @param loopSettings when a repeating generation is stopped
     */
    public StreamTranslator(EventSink sink, boolean thinkingEnabled, List<String> stopSequences,
                            ThinkingSignatures signatures, long knownInputTokens, ToolSet tools,
                            LoopDetector.Settings loopSettings) {
        this.sink = sink;
        this.thinkingEnabled = thinkingEnabled;
        this.signatures = signatures;
        this.stops = stopSequences.isEmpty() ? null : new StopSequenceMatcher(stopSequences);
        this.knownInputTokens = knownInputTokens;
        this.scanner = tools.isEmpty() ? null : new TextCallScanner(new Recovery(tools), new ScannerSink());
        this.loops = loopSettings.enabled() ? new LoopDetector(loopSettings) : null;
    }

    /** Where the text scanner's output goes: text blocks and tool blocks, in order. */
    private final class ScannerSink implements TextCallScanner.Sink {
        @Override
        public void text(String text) {
            emitText(text);
        }

        @Override
        public void calls(List<RecoveredCall> calls) {
            for (RecoveredCall call : calls) {
                recoveredCalls++;
                if (!call.fixes().isEmpty()) {
                    repairedCalls++;
                }
                emitToolBlock(call.name(), call.json());
            }
        }

        @Override
        public void unusable() {
            unusableCalls++;
        }
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
        if (chunk.carriesOutput() && ++outputChunks > outputLimit) {
            // More output than the budget allows: a backend that ignores max_tokens, or a prompt that turned
            // out to leave less room than was asked for. Its own end (finish, usage) passes when it keeps within.
            finishReason = FinishReason.LENGTH;
            finish();
            return true;
        }
        if (chunk.reasoning() != null && !chunk.reasoning().isEmpty() && onReasoning(chunk.reasoning())) {
            return true;
        }
        if (chunk.content() != null && !chunk.content().isEmpty() && onText(chunk.content())) {
            return true;
        }
        for (ChatChunk.ToolCallDelta call : chunk.toolCalls()) {
            onToolCall(call);
        }
        if (chunk.finishReason() != null) {
            finishReason = chunk.finishReason();
            completePendingCall();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        return false;
    }

    /**
     * The prompt's exact size, counted after the request was sent: reported if the backend sends no usage.
     */
    public void countedInput(long tokens) {
        knownInputTokens = tokens;
    }

    /**
     * The most output the answer may have (max_tokens, or the room its prompt leaves when that is known only after
     * sending): a chunk beyond it ends the message with {@code max_tokens}, as the backend should have, and
     * {@link #onChunk} returns true so the caller stops the backend. Counted one token per chunk with output, as
     * llama-server streams (a backend that sends several tokens a chunk is only held less tightly).
     */
    public void limitOutput(long maxTokens) {
        outputLimit = maxTokens;
    }

    /** The upstream stream ended normally ({@code [DONE]} or end of body). */
    public void finish() {
        if (finished) {
            return;
        }
        completePendingCall();
        releaseHeldText();
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

    /** Tool calls recovered from the model's text (Hermes, Llama, Mistral, Gemma, Qwen3-Coder, DeepSeek, JSON). */
    public long recoveredToolCalls() {
        return recoveredCalls;
    }

    /** Tool calls the client got only thanks to the bridge: recovered from text, or the backend's own repaired. */
    public long savedToolCalls() {
        return recoveredCalls + repairedBackendCalls;
    }

    /** Tool calls (recovered or the backend's own) whose arguments needed a repair to be valid JSON. */
    public long repairedToolCalls() {
        return repairedCalls;
    }

    /** Tool calls that named a real tool but could not be used: sent as text with a note instead. */
    public long unusableToolCalls() {
        return unusableCalls;
    }

    /** The span (in words) of the repetition that stopped this message, or 0 if none did. */
    public int loopPeriodWords() {
        return loops == null ? 0 : loops.period();
    }

    /** Returns true if the generation was found looping (the message is then complete). */
    private boolean onReasoning(String text) {
        if (!thinkingEnabled) {
            droppedReasoning++;
            return false;
        }
        deltas++;
        if (open != Open.THINKING) {
            completePendingCall();
            releaseHeldText();
            openBlock(Open.THINKING, new ContentBlock.Thinking("", ""));
            signer = signatures.signer();
        }
        signer.update(text);
        sink.accept(new StreamEvent.BlockDelta(nextIndex - 1, new Delta.Thinking(text)));
        return looping(text);
    }

    /** Returns true if a stop sequence or a loop ended the message. */
    private boolean onText(String text) {
        deltas++;
        completePendingCall();
        if (stops == null) {
            scanText(text);
            return looping(text);
        }
        scanText(stops.feed(text));
        if (stops.matched() != null) {
            if (scanner != null) {
                scanner.finish();
            }
            complete(StopReason.STOP_SEQUENCE, stops.matched());
            return true;
        }
        return looping(text);
    }

    private void scanText(String text) {
        if (scanner == null) {
            emitText(text);
        } else if (!text.isEmpty()) {
            scanner.feed(text);
        }
    }

    /**
     * A looping generation ends here: what was held goes out, then a note, and the message ends with
     * {@code end_turn} (not {@code max_tokens}, which makes Claude Code ask the model to continue, into the loop).
     */
    private boolean looping(String text) {
        if (loops == null || !loops.feed(text)) {
            return false;
        }
        releaseHeldText();
        emitText("\n\n[Local Bridge stopped this answer: the model was repeating the same " + loops.period()
                + "-word passage over and over.]");
        complete(StopReason.END_TURN, null);
        return true;
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

    /** Text held back (a possible stop sequence or call) cannot continue past another block, so it goes out first. */
    private void releaseHeldText() {
        if (stops != null) {
            scanText(stops.flush());
        }
        if (scanner != null) {
            scanner.finish();
        }
    }

    private void onToolCall(ChatChunk.ToolCallDelta delta) {
        ToolCall call = toolCalls.get(delta.index());
        if (call == null || (call.upstreamId != null && delta.id() != null && !delta.id().equals(call.upstreamId))) {
            // A new call, or a backend that reuses an index for the next call under a new id.
            call = new ToolCall();
            call.upstreamId = delta.id();
            toolCalls.put(delta.index(), call);
        }
        String arguments = delta.arguments() == null ? "" : delta.arguments();
        if (!arguments.isEmpty()) {
            deltas++;
        }
        if (call.done) {
            if (!arguments.isEmpty()) {
                orphanFragments++;
            }
            return;
        }
        if (pendingCall != call) {
            completePendingCall();
            pendingCall = call;
        }
        if (delta.name() != null && !delta.name().isEmpty() && call.name == null) {
            call.name = delta.name();
        }
        call.arguments.append(arguments);
    }

    /**
     * The backend's call being assembled is complete (another call, text, the finish reason or the end came):
     * its arguments go out as valid JSON, or as text with a note when they cannot be made JSON. Arguments cut
     * off by the output limit are not completed by guessing.
     */
    private void completePendingCall() {
        ToolCall call = pendingCall;
        if (call == null) {
            return;
        }
        pendingCall = null;
        call.done = true;
        if (call.name == null) {
            return;
        }
        releaseHeldText();
        switch (Recovery.backendCall(call.name, call.arguments.toString(), finishReason == FinishReason.LENGTH)) {
            case Recovery.Outcome.Calls calls -> {
                RecoveredCall complete = calls.calls().getFirst();
                if (!complete.fixes().isEmpty()) {
                    repairedCalls++;
                    repairedBackendCalls++;
                }
                emitToolBlock(complete.name(), complete.json());
            }
            case Recovery.Outcome.Text text -> {
                unusableCalls++;
                emitText(text.note());
            }
        }
    }

    /** One complete tool_use block: start, the whole input as one delta, stop. */
    private void emitToolBlock(String name, String json) {
        openBlock(Open.TOOL, new ContentBlock.ToolUse(Ids.toolUseId(), name, JsonValue.EMPTY_OBJECT));
        sawToolUse = true;
        sink.accept(new StreamEvent.BlockDelta(nextIndex - 1, new Delta.InputJson(json)));
        closeBlock();
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
            case TEXT, TOOL -> {
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
            case TOOL_CALLS -> sawToolUse || unusableCalls == 0 ? StopReason.TOOL_USE : StopReason.END_TURN;
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
