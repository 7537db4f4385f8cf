package dev.localbridge.server;

import dev.localbridge.anthropic.MessagesRequest;

/**
 * What the bridge decided to do with one messages request: the upstream body to send, whether the
 * backend was asked to reason, the prompt's size when it was counted beforehand (else 0), and, for structured
 * output, the request to retry with if the backend cannot constrain its output to the schema (else null;
 * serialized only if that happens).
 */
record Plan(MessagesRequest request, byte[] upstreamBody, boolean thinking, long promptTokens,
            dev.localbridge.openai.ChatRequest fallback) {
}
