package dev.localbridge.server;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Thinking;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.backend.PoolMember;
import dev.localbridge.budget.ConversationSizes;
import dev.localbridge.budget.OutputBudget;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.routing.ConversationKey;
import dev.localbridge.routing.RequestKind;
import dev.localbridge.routing.RequestKinds;
import dev.localbridge.routing.Scenarios;
import dev.localbridge.translate.StructuredOutput;
import io.vertx.core.Future;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what to send upstream for one messages request, before anything is generated: the backends to try
 * (scenario routing, then the pool's order), the backend model, the translated request, and its budget from the
 * prompt's size against the context the chosen backend gives one request, counted with that backend's own
 * template and tokenizer. A prompt too long for the chosen backend goes to one with a larger context when the pool
 * has one; otherwise it fails here, with Anthropic's {@code prompt is too long}, so Claude Code compacts.
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
     *
     * @param kind what the request is for ({@link RequestKinds})
     * @param sessionHeader Claude Code's session id header, or null
     */
    Future<Plan> plan(MessagesRequest request, RequestKind kind, String sessionHeader, boolean large) {
        if (!bridge.pool().probed()) { // the bridge is starting: plan with what the first probe finds
            return bridge.pool().firstProbes().compose(probed -> plan(request, kind, sessionHeader, large));
        }
        Route route = route(request, kind, sessionHeader, large);
        return planOn(route, route.candidates().getFirst(), true);
    }

    /** Where the request would run: scenario routing for the model, then the pool's order. */
    Route route(MessagesRequest request, RequestKind kind, String sessionHeader, boolean large) {
        ConversationKey key = ConversationKey.of(sessionHeader, request);
        String model = Scenarios.target(bridge.config().pool().scenarios(), request, kind, bridge.config().models());
        List<PoolMember> candidates = bridge.pool().candidates(model, key);
        return new Route(request, kind, key, model, candidates, large);
    }

    /**
     * The plan for running the route's request on {@code member}: its model, its context, its tokenizer. With
     * {@code mayMove}, a prompt that does not fit is planned on a member with a larger context instead.
     */
    Future<Plan> planOn(Route route, PoolMember member, boolean mayMove) {
        if (!route.large()) {
            return decide(prepare(route, member), route, member, mayMove);
        }
        return bridge.vertx().executeBlocking(() -> prepare(route, member), false)
                .compose(prepared -> decide(prepared, route, member, mayMove));
    }

    /**
     * The translated request and the body that sends it with the requested output ({@code openBody}: what goes to
     * the backend unless a count made first says less), and what counting it needs: {@code shape} null when it
     * cannot be counted; {@code countBody} written up front only for a large request (else when needed, see
     * {@link #countBody}); {@code skeletonBody} the request's skeleton when this request should count it.
     */
    private record Prepared(MessagesRequest request, ChatRequest chat, int nCtx, OutputBudget.Decision open,
                            byte[] openBody, ConversationSizes.Shape shape, byte[] countBody, byte[] skeletonBody) {
    }

    /** The model the backend is asked for: the route's scenario model, else the model map's answer. */
    String backendModel(Route route, BackendInfo backend) {
        return route.model() != null ? route.model()
                : bridge.config().models().resolve(route.request().model(), backend.model());
    }

    private Prepared prepare(Route route, PoolMember member) {
        BackendInfo backend = member.info();
        MessagesRequest request = route.request();
        String model = backendModel(route, backend);
        int cap = Math.min(request.maxTokens(), bridge.config().outputCeiling());
        ChatRequest chat = bridge.translator().translate(request, model, cap);
        OutputBudget.Decision open = budget(request, chat, backend.nCtx(), -1);
        byte[] openBody = ChatRequestWriter.write(chat.withBudget(open.maxTokens(), open.thinkingBudget()));
        if (!backend.tokenizer() || backend.nCtx() <= 0) {
            return new Prepared(request, chat, backend.nCtx(), open, openBody, null, null, null);
        }
        ConversationSizes.Shape shape = ConversationSizes.shape(chat, openBody.length);
        byte[] skeletonBody = member.sizes().claimSkeleton(shape)
                ? ChatRequestWriter.write(ConversationSizes.skeleton(chat), false) : null;
        byte[] countBody = route.large() ? ChatRequestWriter.write(chat, false) : null;
        return new Prepared(request, chat, backend.nCtx(), open, openBody, shape, countBody, skeletonBody);
    }

    /** What the backend's template renders to count the request (written on the event loop only when small). */
    private static byte[] countBody(Prepared prepared) {
        return prepared.countBody() != null ? prepared.countBody() : ChatRequestWriter.write(prepared.chat(), false);
    }

    /**
     * Counting never holds a request up unless it must. The prompt's size is bounded from above at once
     * ({@link ConversationSizes}); then the request goes out, and its exact size comes from llama-server's first
     * chunk (or, for a prompt that may not fit, from the bridge's own count, whichever is first):
     * <ul>
     *   <li>a bound that proves it fits: the exact size only refines the usage reported and holds the output to
     *       exactly the room the prompt leaves;</li>
     *   <li>a prompt that may not fit: its answer waits for the size; too long, the backend's request is cancelled
     *       and the client gets {@code prompt is too long} before any byte of an answer;</li>
     *   <li>only when a larger backend in the pool could take a prompt that may not fit here does the plan wait for
     *       the count, to choose the backend.</li>
     * </ul>
     */
    private Future<Plan> decide(Prepared prepared, Route route, PoolMember member, boolean mayMove) {
        if (prepared.shape() == null) {
            return budgeted(prepared, -1, false, null, member, route);
        }
        countSkeleton(member, prepared);
        int needed = Math.min(bridge.config().minOutputTokens(), prepared.chat().maxTokens());
        long bound = member.sizes().upperBound(prepared.shape())
                .orElse(ConversationSizes.byteBound(prepared.shape()));
        boolean mayOverflow = prepared.nCtx() - bound < needed;
        if (mayOverflow && mayMove && bridge.pool().larger(0, needed, route.model(), member) != null) {
            return countFirst(prepared, route, member, needed);
        }
        Future<Long> count = mayOverflow ? count(member, countBody(prepared), prepared.shape()) : null;
        Sizing.Judge judge = judge(member.sizes(), prepared);
        boolean progress = member.info().kind().reportsPromptSize();
        return budgeted(prepared, bound, false, new Sizing(count, progress, mayOverflow, judge), member, route);
    }

    /**
     * What an exact size means for the prepared request. It holds only a few numbers, never the request: an
     * exchange keeps it for as long as its stream lasts.
     */
    private Sizing.Judge judge(ConversationSizes sizes, Prepared prepared) {
        ConversationSizes.Shape shape = prepared.shape();
        int requested = prepared.chat().maxTokens();
        int ceiling = bridge.config().outputCeiling();
        int nCtx = prepared.nCtx();
        int minOutput = bridge.config().minOutputTokens();
        boolean reasoning = prepared.chat().reasoning().enabled();
        int thinking = requestedThinking(prepared.request());
        return tokens -> {
            sizes.remember(shape, tokens);
            return new Sizing.Verdict(tokens, OutputBudget.decide(tokens, requested, ceiling, nCtx, minOutput,
                    reasoning, thinking).maxTokens());
        };
    }

    private static int requestedThinking(MessagesRequest request) {
        return request.thinking() instanceof Thinking.Enabled enabled ? enabled.budgetTokens() : 0;
    }

    /** The old way, kept for a pool that could move the request: count, then choose where it runs. */
    private Future<Plan> countFirst(Prepared prepared, Route route, PoolMember member, int needed) {
        return count(member, countBody(prepared), prepared.shape()).compose(tokens -> {
            if (tokens >= 0 && prepared.nCtx() - tokens < needed) {
                PoolMember larger = bridge.pool().larger(tokens, needed, route.model(), member);
                if (larger != null) {
                    LOG.fine(() -> "a prompt of " + tokens + " tokens does not fit " + member.name() + " (n_ctx "
                            + prepared.nCtx() + "): planned on " + larger.name());
                    return planOn(route.startingWith(larger), larger, false);
                }
            }
            return budgeted(prepared, tokens, tokens >= 0, null, member, route);
        });
    }

    /** Counts the skeleton of a conversation seen for the first time, in the background, once. */
    private void countSkeleton(PoolMember member, Prepared prepared) {
        byte[] skeleton = prepared.skeletonBody();
        if (skeleton == null) {
            return;
        }
        member.counter().count(skeleton).onComplete(counted -> {
            if (counted.succeeded()) {
                member.sizes().rememberSkeleton(prepared.shape(), skeleton.length, counted.result());
            } else {
                member.sizes().skeletonFailed(prepared.shape());
            }
        });
    }

    /** The prompt's exact size (remembered for the conversation's next turn), or -1 if it could not be counted. */
    Future<Long> count(PoolMember member, byte[] countBody, ConversationSizes.Shape shape) {
        return member.counter().count(countBody).map(tokens -> {
            member.sizes().remember(shape, tokens);
            return tokens;
        }).recover(failure -> {
            LOG.log(Level.FINE, "could not count the prompt; sending it uncounted", failure);
            return Future.succeededFuture(-1L);
        });
    }

    private OutputBudget.Decision budget(MessagesRequest request, ChatRequest chat, int nCtx, long promptTokens) {
        return OutputBudget.decide(promptTokens, chat.maxTokens(), bridge.config().outputCeiling(), nCtx,
                bridge.config().minOutputTokens(), chat.reasoning().enabled(), requestedThinking(request));
    }

    /**
     * The output budget for the prompt's size (an overflow fails the plan), then the body to send. A request sent
     * before its exact size is known ({@code sizing} not null) gets the requested output; {@code promptTokens} is
     * then the bound, reported until the size is known.
     */
    private Future<Plan> budgeted(Prepared prepared, long promptTokens, boolean exact, Sizing sizing,
                                  PoolMember member, Route route) {
        ChatRequest chat = prepared.chat();
        OutputBudget.Decision decision;
        try {
            decision = sizing == null && promptTokens >= 0
                    ? budget(prepared.request(), chat, prepared.nCtx(), promptTokens) : prepared.open();
        } catch (ApiException overflow) {
            return Future.failedFuture(overflow);
        }
        ChatRequest sent = chat.withBudget(decision.maxTokens(), decision.thinkingBudget());
        ChatRequest fallback = sent.responseSchema() == null ? null : StructuredOutput.inPrompt(sent);
        java.util.concurrent.Callable<Plan> plan = () -> new Plan(chat.model(),
                decision.equals(prepared.open()) ? prepared.openBody() : ChatRequestWriter.write(sent),
                sent.reasoning().enabled(), promptTokens, exact, decision.maxTokens(), prepared.nCtx(), fallback,
                member, route, sizing);
        if (!route.large() || decision.equals(prepared.open())) {
            try {
                return Future.succeededFuture(plan.call());
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
        return bridge.vertx().executeBlocking(plan, false);
    }
}
