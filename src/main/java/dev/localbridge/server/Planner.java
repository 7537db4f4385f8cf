package dev.localbridge.server;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Thinking;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.budget.ConversationSizes;
import dev.localbridge.budget.OutputBudget;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.translate.StructuredOutput;
import io.vertx.core.Future;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what to send upstream for one messages request, before anything is generated: the backend model,
 * the translated request, and its budget from the prompt's size against the context the backend gives one
 * request. An oversized prompt fails here, with Anthropic's {@code prompt is too long}, so Claude Code compacts.
 *
 * <p>The size is exact (the backend's own template and tokenizer) whenever it matters. A later turn of a known
 * conversation is first bounded from above ({@link ConversationSizes}); if the bound leaves enough room, the
 * request goes out at once with a safe {@code max_tokens} and is counted exactly in the background, so counting
 * adds nothing to the time to first token until the window is nearly full.
 */
final class Planner {
    private static final Logger LOG = Logger.getLogger(Planner.class.getName());
    private final Bridge bridge;

    Planner(Bridge bridge) {
        this.bridge = bridge;
    }

    Future<Plan> plan(MessagesRequest request) {
        BackendInfo backend = bridge.monitor().current();
        String model = bridge.config().models().resolve(request.model(), backend.model());
        int cap = Math.min(request.maxTokens(), bridge.config().outputCeiling());
        ChatRequest chat = bridge.translator().translate(request, model, cap);
        if (!backend.tokenizer() || backend.nCtx() <= 0) {
            return Future.succeededFuture(budgeted(request, chat, -1, false, backend.nCtx()));
        }
        byte[] countBody = ChatRequestWriter.write(chat, false);
        ConversationSizes.Shape shape = ConversationSizes.shape(chat, countBody.length);
        OptionalLong bound = bridge.sizes().upperBound(shape);
        int needed = Math.min(bridge.config().minOutputTokens(), cap);
        if (bound.isPresent() && backend.nCtx() - bound.getAsLong() >= needed) {
            count(countBody, shape);
            return Future.succeededFuture(budgeted(request, chat, bound.getAsLong(), false, backend.nCtx()));
        }
        return count(countBody, shape).map(tokens -> budgeted(request, chat, tokens, tokens >= 0, backend.nCtx()));
    }

    /** The prompt's exact size (remembered for the conversation's next turn), or -1 if it could not be counted. */
    Future<Long> count(byte[] countBody, ConversationSizes.Shape shape) {
        return bridge.counter().count(countBody).map(tokens -> {
            bridge.sizes().remember(shape, tokens);
            return tokens;
        }).recover(failure -> {
            LOG.log(Level.FINE, "could not count the prompt; sending it uncounted", failure);
            return Future.succeededFuture(-1L);
        });
    }

    private Plan budgeted(MessagesRequest request, ChatRequest chat, long promptTokens, boolean exact, int nCtx) {
        int requestedThinking = request.thinking() instanceof Thinking.Enabled enabled ? enabled.budgetTokens() : 0;
        OutputBudget.Decision decision = OutputBudget.decide(promptTokens, chat.maxTokens(),
                bridge.config().outputCeiling(), nCtx, bridge.config().minOutputTokens(),
                chat.reasoning().enabled(), requestedThinking);
        ChatRequest sent = chat.withBudget(decision.maxTokens(), decision.thinkingBudget());
        ChatRequest fallback = sent.responseSchema() == null ? null : StructuredOutput.inPrompt(sent);
        return new Plan(chat.model(), ChatRequestWriter.write(sent), sent.reasoning().enabled(), promptTokens, exact,
                decision.maxTokens(), nCtx, fallback);
    }
}
