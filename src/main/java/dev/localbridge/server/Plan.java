package dev.localbridge.server;

import dev.localbridge.backend.PoolMember;
import dev.localbridge.openai.ChatRequest;

/**
 * What the bridge decided to do with one messages request: the backend model and the upstream body to send,
 * whether the backend was asked to reason, the prompt's size ({@code exact} when counted by the backend's own
 * tokenizer, else an upper bound; -1 when it could not be known), the output budget, the backend's context per
 * request (0 when unknown), and, for structured output, the request to retry with if the backend cannot constrain
 * its output to the schema (else null; serialized only if that happens). The budget is {@code backend}'s; the
 * {@code route} says which backends may run the request instead. A request sent before its exact size was known says how it
 * learns it ({@code sizing}, else null).
 */
record Plan(String model, byte[] upstreamBody, boolean thinking, long promptTokens, boolean exact, int maxTokens,
            int nCtx, ChatRequest fallback, PoolMember backend, Route route, Sizing sizing) {
}
