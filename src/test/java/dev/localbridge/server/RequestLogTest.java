package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.observability.RequestLog;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One line per request at INFO, built when it ends: a normal turn, a prompt that is too long, a client hang-up and a
 * backend error, each as a person reads it on the terminal and as a JSON line in the file; never the prompt's or
 * the answer's text.
 */
class RequestLogTest {
    static final int N_CTX = 8192;
    static final String SECRET = "zebra-quartz-secret";
    static final BlockingQueue<LogRecord> LINES = new LinkedBlockingQueue<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LINES.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    static Path dir;
    static Path file;
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        RequestLog.LOG.addHandler(CAPTURE);
        RequestLog.LOG.setLevel(Level.FINE);
        file = dir.resolve("logs/requests.jsonl");
        backend = new ScriptedBackend().routes(new FakeLlamaControl(N_CTX));
        bridge = Bridges.start(backend.url(), b -> b.requestLog(file));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
        RequestLog.LOG.removeHandler(CAPTURE);
        RequestLog.LOG.setLevel(null);
    }

    @BeforeEach
    void forget() {
        LINES.clear();
    }

    static String request(String text, boolean stream) {
        return "{\"model\":\"claude-opus-local\",\"max_tokens\":1024,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + Json.quote(SECRET + " " + text) + "}]}";
    }

    /** The next line about {@code /v1/messages}, waiting up to 5 s for the request to end. */
    static LogRecord nextMessagesLine() throws InterruptedException {
        while (true) {
            LogRecord record = LINES.poll(5, TimeUnit.SECONDS);
            assertThat(record).as("a request log line").isNotNull();
            if (record.getMessage().contains(" /v1/messages ")) {
                return record;
            }
        }
    }

    static JsonNode lastJsonLine(String id) throws IOException {
        // the file is written by a background thread: the line for this request arrives shortly after the terminal's
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.reversed()) {
                    if (line.contains(id)) {
                        return Json.parse(line);
                    }
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polling the file, bounded above
        }
        throw new AssertionError("no JSON line for " + id + " in " + file);
    }

    static String idOf(LogRecord record) {
        return record.getMessage().substring(0, record.getMessage().indexOf(' '));
    }

    @Test
    void a_normal_turn_logs_models_context_cache_output_ttft_speed_and_stop_reason() throws Exception {
        Script.Builder script = Script.named("normal").role();
        for (int i = 0; i < 20; i++) {
            script.content(" secret-answer-" + i).delay(5);
        }
        backend.enqueue(script.finish("stop").usage(1200, 20, 1000).done().build());
        try (BridgeClient.Stream stream = client.stream(request("word ".repeat(1000), true))) {
            stream.all();
        }

        LogRecord record = nextMessagesLine();
        String line = record.getMessage();
        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        assertThat(line).matches("req_\\S+ POST /v1/messages claude-opus-local -> fake-model \\| prompt 1200/8192 \\(15%\\)"
                + " \\| cached 1000 \\| out 20 \\| ttft \\d+ ms \\| \\d+\\.\\d tok/s \\| end_turn \\| \\d+ ms");
        JsonNode json = lastJsonLine(idOf(record));
        assertThat(json.path("method").asText()).isEqualTo("POST");
        assertThat(json.path("requested_model").asText()).isEqualTo("claude-opus-local");
        assertThat(json.path("model").asText()).isEqualTo("fake-model");
        assertThat(json.path("prompt_tokens").asLong()).isEqualTo(1200);
        assertThat(json.path("n_ctx").asInt()).isEqualTo(N_CTX);
        assertThat(json.path("cached_tokens").asLong()).isEqualTo(1000);
        assertThat(json.path("output_tokens").asLong()).isEqualTo(20);
        assertThat(json.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(json.path("ttft_ms").asDouble()).isPositive();
        assertThat(json.path("tokens_per_second").asDouble()).isPositive();
        assertThat(Files.readString(file)).doesNotContain(SECRET).doesNotContain("secret-answer");
        assertThat(line).doesNotContain(SECRET).doesNotContain("secret-answer");
    }

    @Test
    void a_prompt_too_long_logs_the_error_the_client_got() throws Exception {
        assertThat(client.post("/v1/messages", request("word ".repeat(7600), false)).status()).isEqualTo(400);

        LogRecord record = nextMessagesLine();
        assertThat(record.getMessage()).matches("req_\\S+ POST /v1/messages claude-opus-local -> \\? \\| out 0"
                + " \\| invalid_request_error: prompt is too long: \\d+ tokens > \\d+ maximum \\| \\d+ ms");
        JsonNode json = lastJsonLine(idOf(record));
        assertThat(json.path("outcome").asText()).isEqualTo("failed");
        assertThat(json.path("error_type").asText()).isEqualTo("invalid_request_error");
        assertThat(json.path("error").asText()).startsWith("prompt is too long");
    }

    @Test
    void a_client_hang_up_is_logged_as_such_not_as_a_failure() throws Exception {
        backend.enqueue(Script.named("endless").role().content("a").content("b").waitForever().build());
        try (BridgeClient.Stream stream = client.stream(request("hang up", true))) {
            stream.until(e -> e.name().equals("content_block_delta"));
        }

        LogRecord record = nextMessagesLine();
        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        assertThat(record.getMessage()).matches("req_\\S+ POST /v1/messages claude-opus-local -> fake-model \\| prompt \\d+/8192"
                + " \\(\\d+%\\) \\| out 2 \\| ttft \\d+ ms \\| \\d+\\.\\d tok/s \\| client hung up \\| \\d+ ms");
        assertThat(lastJsonLine(idOf(record)).path("outcome").asText()).isEqualTo("hung_up");
    }

    @Test
    void a_backend_error_logs_the_translated_error() throws Exception {
        backend.enqueue(Script.error(500, "{\"error\":{\"code\":500,\"message\":\"slot crashed\",\"type\":\"server_error\"}}"));
        assertThat(client.post("/v1/messages", request("fail please", false)).status()).isGreaterThanOrEqualTo(400);

        LogRecord record = nextMessagesLine();
        assertThat(record.getMessage()).matches("req_\\S+ POST /v1/messages claude-opus-local -> fake-model \\| prompt \\d+/8192"
                + " \\(\\d+%\\) \\| out 0 \\| [a-z_]+_error: .*slot crashed.* \\| \\d+ ms");
        JsonNode json = lastJsonLine(idOf(record));
        assertThat(json.path("outcome").asText()).isEqualTo("failed");
        assertThat(json.path("error").asText()).contains("slot crashed");
    }

    @Test
    void other_routes_log_at_fine_only() throws Exception {
        client.get("/health");

        LogRecord record = LINES.poll(5, TimeUnit.SECONDS);
        assertThat(record).isNotNull();
        assertThat(record.getMessage()).matches("req_\\S+ GET /health \\| ok \\| \\d+ ms");
        assertThat(record.getLevel()).isEqualTo(Level.FINE);
    }
}
