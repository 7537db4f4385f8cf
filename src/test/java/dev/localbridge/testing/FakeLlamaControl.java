package dev.localbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * llama-server's control endpoints for a {@link ScriptedBackend}: {@code /props} with a chosen per-slot
 * {@code n_ctx}, {@code /apply-template} (a ChatML-like rendering) and {@code /tokenize} with a deterministic
 * tokenizer of one token per whitespace-separated word, so tests know exact counts.
 */
public final class FakeLlamaControl implements Function<HttpServerRequest, Boolean> {
    private volatile int nCtx;
    private volatile int status = 200;
    private volatile int slots = 1;
    private final AtomicInteger tokenizeCalls = new AtomicInteger();
    private final AtomicInteger rendersInFlight = new AtomicInteger();
    private volatile long renderDelayMillis;
    private volatile boolean holding;
    private final java.util.List<Runnable> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FakeLlamaControl(int nCtx) {
        this.nCtx = nCtx;
    }

    public static long tokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /** Report this many slots in {@code /props}. */
    public FakeLlamaControl slots(int value) {
        slots = value;
        return this;
    }

    public void nCtx(int value) {
        nCtx = value;
    }

    /** Answer every control request with this status (503 = loading). */
    public void status(int value) {
        status = value;
    }

    public int tokenizeCalls() {
        return tokenizeCalls.get();
    }

    /** Answer {@code /apply-template} only after this long (a slow backend). */
    public void renderDelay(long millis) {
        renderDelayMillis = millis;
    }

    /** {@code /apply-template} requests received and not yet answered. */
    public int rendersInFlight() {
        return rendersInFlight.get();
    }

    /** From now on, {@code /apply-template} requests are held unanswered until {@link #release()}. */
    public void hold() {
        holding = true;
    }

    /** Answers every held {@code /apply-template} request, and stops holding. */
    public void release() {
        holding = false;
        for (Runnable answer : held) {
            answer.run();
        }
        held.clear();
    }

    @Override
    public Boolean apply(HttpServerRequest request) {
        switch (request.path()) {
            case "/props", "/apply-template", "/tokenize", "/health" -> {
                if (status != 200) {
                    request.response().setStatusCode(status).end("{\"error\":{\"code\":" + status
                            + ",\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}");
                    return true;
                }
                request.body().onSuccess(body -> {
                    JsonNode json = body.length() == 0 ? null : Json.parse(body.getBytes());
                    long delay = renderDelayMillis;
                    if (request.path().equals("/apply-template") && holding) {
                        rendersInFlight.incrementAndGet();
                        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
                        held.add(() -> context.runOnContext(v -> {
                            rendersInFlight.decrementAndGet();
                            answer(request, json);
                        }));
                    } else if (request.path().equals("/apply-template") && delay > 0) {
                        rendersInFlight.incrementAndGet();
                        io.vertx.core.Vertx.currentContext().owner().setTimer(delay, t -> {
                            rendersInFlight.decrementAndGet();
                            answer(request, json);
                        });
                    } else {
                        answer(request, json);
                    }
                });
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void answer(HttpServerRequest request, JsonNode body) {
        String json = switch (request.path()) {
            case "/props" -> "{\"default_generation_settings\":{\"n_ctx\":" + nCtx + "},\"total_slots\":" + slots + ","
                    + "\"model_path\":\"/models/fake.gguf\",\"model_alias\":\"fake-model\",\"build_info\":\"fake\","
                    + "\"modalities\":{\"vision\":false},\"chat_template\":\"chatml\","
                    + "\"chat_template_caps\":{\"supports_tools\":true,\"supports_parallel_tool_calls\":true}}";
            case "/apply-template" -> "{\"prompt\":" + Json.quote(render(body)) + "}";
            case "/tokenize" -> tokenize(body.path("content").asText());
            default -> "{\"status\":\"ok\"}";
        };
        request.response().putHeader("content-type", "application/json").end(json);
    }

    private String tokenize(String content) {
        tokenizeCalls.incrementAndGet();
        long count = tokens(content);
        StringBuilder tokens = new StringBuilder("{\"tokens\":[");
        for (long i = 0; i < count; i++) {
            tokens.append(i == 0 ? "1" : ",1");
        }
        return tokens.append("]}").toString();
    }

    /** Tools first, then each message as {@code <|im_start|>role\ncontent<|im_end|>\n}. */
    public static String render(JsonNode body) {
        StringBuilder prompt = new StringBuilder();
        for (JsonNode tool : body.path("tools")) {
            prompt.append(tool.toString()).append('\n');
        }
        for (JsonNode message : body.path("messages")) {
            prompt.append("<|im_start|>").append(message.path("role").asText()).append('\n');
            JsonNode content = message.path("content");
            prompt.append(content.isTextual() ? content.asText() : content.isNull() ? "" : content.toString());
            for (JsonNode call : message.path("tool_calls")) {
                prompt.append(call.toString());
            }
            prompt.append("<|im_end|>\n");
        }
        return prompt.append("<|im_start|>assistant\n").toString();
    }
}
