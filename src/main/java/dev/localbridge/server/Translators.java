package dev.localbridge.server;

import dev.localbridge.anthropic.EventSink;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.config.LoopLimits;
import dev.localbridge.observability.ExchangeListener;
import dev.localbridge.translate.LoopDetector;
import dev.localbridge.translate.StreamTranslator;
import dev.localbridge.translate.toolcall.ToolSet;
import java.util.logging.Logger;

/** An exchange's stream translator: made from its plan and request, and heard from once the exchange ends. */
final class Translators {
    private static final Logger LOG = Logger.getLogger(Translators.class.getName());

    private Translators() {
    }

    static StreamTranslator create(Bridge bridge, Plan plan, MessagesRequest request, EventSink sink) {
        LoopLimits loops = bridge.config().loops();
        return new StreamTranslator(sink, plan.thinking(), request.stopSequences(), bridge.signatures(),
                Math.max(0, plan.promptTokens()), ToolSet.of(request.tools()),
                new LoopDetector.Settings(loops.enabled(), loops.maxSpanWords(), loops.minRepeats(), loops.minWords()));
    }

    /** What the translator repaired or stopped, for the listeners (metrics, the request log) and the log. */
    static void report(StreamTranslator translator, ExchangeListener events, String requestId) {
        events.droppedReasoning(translator.droppedReasoningDeltas());
        for (long i = translator.savedToolCalls(); i > 0; i--) {
            events.toolCallRecovered();
        }
        if (translator.loopPeriodWords() > 0) {
            events.loopStopped();
            LOG.info(() -> requestId + ": stopped a generation repeating a passage of "
                    + translator.loopPeriodWords() + " words");
        }
        if (translator.unusableToolCalls() > 0) {
            LOG.info(() -> requestId + ": " + translator.unusableToolCalls()
                    + " tool call(s) the model wrote could not be used; the client got them as text with a note");
        }
    }
}
