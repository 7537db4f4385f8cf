package dev.localbridge.server;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Thinking;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.budget.ConversationSizes;
import dev.localbridge.budget.OutputBudget;
import dev.localbridge.error.ApiException;
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

    /**
     * Plans a request. A large one ({@code large}: its body was too big to parse on the event loop) is translated
     * and serialised on a worker too, so no request's size ever holds up the other connections of an event loop.
     */
    Future<Plan> plan(MessagesRequest request, boolean large) {
        BackendInfo backend = bridge.monitor().current();
        if (!large) {
            return decide(prepare(request, backend), false);
        }
        return bridge.vertx().executeBlocking(() -> prepare(request, backend), false)
                .compose(prepared -> decide(prepared, true));
    }

    /** The translated request, and what counting it needs ({@code countBody} null when it cannot be counted). */
    private record Prepared(MessagesRequest request, ChatRequest chat, int nCtx, byte[] countBody,
                            ConversationSizes.Shape shape) {
    }

    private Prepared prepare(MessagesRequest request, BackendInfo backend) {
        String model = bridge.config().models().resolve(request.model(), backend.model());
        int cap = Math.min(request.maxTokens(), bridge.config().outputCeiling());
        ChatRequest chat = bridge.translator().translate(request, model, cap);
        if (!backend.tokenizer() || backend.nCtx() <= 0) {
            return new Prepared(request, chat, backend.nCtx(), null, null);
        }
        byte[] countBody = ChatRequestWriter.write(chat, false);
        return new Prepared(request, chat, backend.nCtx(), countBody,
                ConversationSizes.shape(chat, countBody.length));
    }

    private Future<Plan> decide(Prepared prepared, boolean large) {
        if (prepared.countBody() == null) {
            return budgeted(prepared, -1, false, large);
        }
        OptionalLong bound = bridge.sizes().upperBound(prepared.shape());
        int needed = Math.min(bridge.config().minOutputTokens(), prepared.chat().maxTokens());
        if (bound.isPresent() && prepared.nCtx() - bound.getAsLong() >= needed) {
            count(prepared.countBody(), prepared.shape());
            return budgeted(prepared, bound.getAsLong(), false, large);
        }
        return count(prepared.countBody(), prepared.shape())
                .compose(tokens -> budgeted(prepared, tokens, tokens >= 0, large));
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

    /** The output budget for the prompt's size (an overflow fails the plan), then the body to send. */
    private Future<Plan> budgeted(Prepared prepared, long promptTokens, boolean exact, boolean large) {
        MessagesRequest request = prepared.request();
        ChatRequest chat = prepared.chat();
        int requestedThinking = request.thinking() instanceof Thinking.Enabled enabled ? enabled.budgetTokens() : 0;
        OutputBudget.Decision decision;
        try {
            decision = OutputBudget.decide(promptTokens, chat.maxTokens(), bridge.config().outputCeiling(),
                    prepared.nCtx(), bridge.config().minOutputTokens(), chat.reasoning().enabled(), requestedThinking);
        } catch (ApiException overflow) {
            return Future.failedFuture(overflow);
        }
        ChatRequest sent = chat.withBudget(decision.maxTokens(), decision.thinkingBudget());
        ChatRequest fallback = sent.responseSchema() == null ? null : StructuredOutput.inPrompt(sent);
        java.util.concurrent.Callable<Plan> plan = () -> new Plan(chat.model(), ChatRequestWriter.write(sent),
                sent.reasoning().enabled(), promptTokens, exact, decision.maxTokens(), prepared.nCtx(), fallback);
        if (!large) {
            try {
                return Future.succeededFuture(plan.call());
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
        return bridge.vertx().executeBlocking(plan, false);
    }
}
