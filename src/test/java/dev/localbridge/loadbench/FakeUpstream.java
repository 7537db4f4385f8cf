package dev.localbridge.loadbench;

import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fast scripted OpenAI upstream that looks like llama-server ({@code /props}, and {@code /apply-template} and
 * {@code /tokenize} as {@link FakeLlamaControl} answers them), on its own Vert.x event loop(s) in the harness process.
 * Every chat request streams {@link Pacing#tokens()} tokens; the arrival of each request and the sending of each
 * token are stamped into {@link UpstreamStamps} under the request's {@link Marker}.
 */
final class FakeUpstream implements AutoCloseable {
    private static final String CHUNK_HEAD = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":";
    private static final byte[] ROLE = (CHUNK_HEAD + "{\"role\":\"assistant\",\"content\":null},"
            + "\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOKEN = (CHUNK_HEAD + "{\"content\":\"" + Pacing.TOKEN + "\"},"
            + "\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);

    /**
     * It serves any number of requests at once, and says so: with a smaller {@code total_slots} the bridge's pool
     * would (rightly) queue what the backend cannot run, and the harness would measure the queue.
     */
    private static final String PROPS = "{\"default_generation_settings\":{\"n_ctx\":131072},\"total_slots\":4096,"
            + "\"model_path\":\"/models/fake.gguf\",\"model_alias\":\"fake-model\",\"build_info\":\"fake\","
            + "\"modalities\":{\"vision\":false},\"chat_template\":\"chatml\","
            + "\"chat_template_caps\":{\"supports_tools\":true,\"supports_parallel_tool_calls\":true}}";

    private final Vertx vertx;
    private final HttpServer server;
    private final UpstreamStamps stamps = new UpstreamStamps();
    private final LongAdder controlCalls = new LongAdder();
    private volatile Pacing pacing;

    FakeUpstream(int eventLoops, Pacing pacing) {
        this.pacing = pacing;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").await();
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    UpstreamStamps stamps() {
        return stamps;
    }

    /** Requests to llama-server's control endpoints ({@code /props}, {@code /apply-template}, {@code /tokenize}) so far. */
    long controlCalls() {
        return controlCalls.sum();
    }

    void pacing(Pacing value) {
        pacing = value;
    }

    Pacing pacing() {
        return pacing;
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/v1/chat/completions" -> request.body().onSuccess(body -> {
                long now = System.nanoTime();
                Pacing answer = pacing;
                UpstreamStamps.Entry entry = stamps.received(Marker.find(body.getBytes()), now, answer.tokens());
                stream(request.response(), answer, entry);
            });
            case "/props", "/apply-template", "/tokenize" -> request.body().onSuccess(body -> control(request, body));
            case "/health" -> request.response().putHeader("content-type", "application/json").end("{\"status\":\"ok\"}");
            case "/v1/models" -> request.response().putHeader("content-type", "application/json")
                    .end("{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}");
            default -> request.response().setStatusCode(404).end();
        }
    }

    /**
     * llama-server's control endpoints, as {@link FakeLlamaControl} renders and counts; a call whose body carries a
     * request's marker (the template of its chat body, the tokenization of the chunk holding the marker) is stamped
     * as part of that request's counting.
     */
    private void control(HttpServerRequest request, Buffer body) {
        long received = System.nanoTime();
        controlCalls.increment();
        byte[] bytes = body.getBytes();
        String json = switch (request.path()) {
            case "/props" -> PROPS;
            case "/apply-template" -> "{\"prompt\":" + Json.quote(FakeLlamaControl.render(Json.parse(bytes))) + "}";
            default -> tokens(FakeLlamaControl.tokens(Json.parse(bytes).path("content").asText()));
        };
        request.response().putHeader("content-type", "application/json").end(json);
        stamps.counted(Marker.find(bytes), received, System.nanoTime());
    }

    private static String tokens(long count) {
        StringBuilder json = new StringBuilder((int) (12 + 2 * count)).append("{\"tokens\":[");
        for (long i = 0; i < count; i++) {
            json.append(i == 0 ? "1" : ",1");
        }
        return json.append("]}").toString();
    }

    private void stream(HttpServerResponse response, Pacing answer, UpstreamStamps.Entry entry) {
        response.setStatusCode(200).putHeader("content-type", "text/event-stream").setChunked(true);
        long start = System.nanoTime() + answer.prefillMillis() * 1_000_000;
        Runnable first = () -> {
            response.write(Buffer.buffer(ROLE));
            next(response, answer, entry, start, 0);
        };
        if (answer.prefillMillis() == 0) {
            first.run();
        } else {
            vertx.setTimer(answer.prefillMillis(), t -> first.run());
        }
    }

    /** Sends token {@code index} now, then schedules the next one on an absolute timetable (no drift). */
    private void next(HttpServerResponse response, Pacing answer, UpstreamStamps.Entry entry, long start, int index) {
        if (response.closed()) {
            return;
        }
        entry.sent[index] = System.nanoTime();
        response.write(Buffer.buffer(TOKEN));
        int following = index + 1;
        if (following == answer.tokens()) {
            finish(response, answer.tokens());
            return;
        }
        long due = start + following * answer.intervalMillis() * 1_000_000;
        long waitMillis = (due - System.nanoTime() + 999_999) / 1_000_000;
        if (waitMillis < 1) {
            vertx.runOnContext(v -> next(response, answer, entry, start, following));
        } else {
            vertx.setTimer(waitMillis, t -> next(response, answer, entry, start, following));
        }
    }

    private static void finish(HttpServerResponse response, int tokens) {
        response.write(CHUNK_HEAD + "{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"m\",\"choices\":[],\"usage\":{\"completion_tokens\":" + tokens
                + ",\"prompt_tokens\":100,\"total_tokens\":" + (100 + tokens) + "}}\n\ndata: [DONE]\n\n");
        response.end();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
