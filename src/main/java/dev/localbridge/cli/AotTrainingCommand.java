package dev.localbridge.cli;

import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.ConfiguredValues;
import dev.localbridge.server.BridgeServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The training run of the JDK's ahead-of-time cache (JEP 483/514/515), run by the launcher once per build
 * with {@code -XX:AOTCacheOutput}: a bridge on a free loopback port, its command line read as {@code serve} reads
 * it, in front of a tiny in-process llama-server-like backend, asked for {@code /health} and a few Claude Code-like
 * requests, then closed. The
 * classes it loads and the methods it profiles are what a later start finds ready in the cache.
 */
@Command(name = "aot-training", hidden = true, description = "Training run for the start-up cache (internal).")
final class AotTrainingCommand implements Callable<Integer> {
    private static final String CHUNK = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}\n\n";
    private static final String REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":%s,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"You are a coding agent.\"}],"
            + "\"tools\":[{\"name\":\"Read\",\"description\":\"Read a file\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello %d\"}]}]}";

    @Override
    public Integer call() {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer backend = vertx.createHttpServer().requestHandler(AotTrainingCommand::backend)
                    .listen(0, "127.0.0.1").await();
            // The command line is read as a real `serve` reads it (ServeArguments), so its code is in the cache too.
            BridgeOptions options = ServeArguments.read(new String[] {"serve", "--port", "0", "--backend",
                    "http://127.0.0.1:" + backend.actualPort()}, new ConfiguredValues(Map.of(), null))
                    .orElseThrow().options;
            BridgeConfig config = BridgeConfig.builder(options.backend(),
                    "aot-training-key-not-a-secret-00".getBytes(StandardCharsets.US_ASCII)).port(options.port)
                    .loops(options.loopDetection).build();
            BridgeServer bridge = BridgeServer.start(config);
            try {
                HttpClient client = vertx.createHttpClient();
                String base = "http://127.0.0.1:" + bridge.port();
                call(client, HttpMethod.GET, base + "/health", null).await();
                for (int i = 0; i < 20; i++) {
                    call(client, HttpMethod.POST, base + "/v1/messages", REQUEST.formatted(true, i)).await();
                    call(client, HttpMethod.POST, base + "/v1/messages", REQUEST.formatted(false, i)).await();
                    call(client, HttpMethod.POST, base + "/v1/messages/count_tokens", REQUEST.formatted(false, i))
                            .await();
                }
            } finally {
                bridge.close();
            }
            return 0;
        } finally {
            vertx.close().await();
        }
    }

    /** The answer's body; fails unless the bridge answered 200 (a training run that fails makes no cache). */
    private static Future<Buffer> call(HttpClient client, HttpMethod method, String url, String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .putHeader("content-type", "application/json").putHeader("anthropic-version", "2023-06-01");
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(answer -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(method + " " + url + " answered " + response.statusCode()
                                + ": " + answer);
                    }
                    return answer;
                }));
    }

    /** Just enough of llama-server for the bridge: props, template, tokenizer, and a three-token stream. */
    private static void backend(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String answer = switch (request.path()) {
                case "/props" -> "{\"default_generation_settings\":{\"n_ctx\":32768},\"total_slots\":1,"
                        + "\"model_alias\":\"training\",\"chat_template_caps\":{\"supports_tools\":true}}";
                case "/apply-template" -> "{\"prompt\":\"<|im_start|>user\\nhello<|im_end|>\\n\"}";
                case "/tokenize" -> "{\"tokens\":[1,2,3,4,5]}";
                case "/v1/chat/completions" -> null;
                default -> "{}";
            };
            if (answer != null) {
                request.response().putHeader("content-type", "application/json").end(answer);
            } else if (body.toString().contains("\"stream\":true")) {
                request.response().putHeader("content-type", "text/event-stream")
                        .end(CHUNK.formatted("{\"role\":\"assistant\",\"content\":null}", "null")
                                + CHUNK.formatted("{\"content\":\"Hi\"}", "null")
                                + CHUNK.formatted("{\"content\":\" there\"}", "null")
                                + CHUNK.formatted("{}", "\"stop\"") + "data: [DONE]\n\n");
            } else {
                request.response().putHeader("content-type", "application/json")
                        .end("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,"
                                + "\"completion_tokens\":1,\"total_tokens\":6}}");
            }
        });
    }
}
