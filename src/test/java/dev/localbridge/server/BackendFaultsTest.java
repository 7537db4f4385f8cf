package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.config.UpstreamLimits;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a backend can fail, streaming and not: the client gets the Anthropic error the fault deserves, with the
 * retry signal Claude Code acts on, never a truncated answer passed off as complete; and the bridge serves the next
 * request normally.
 */
class BackendFaultsTest {
    static final UpstreamLimits FAST = new UpstreamLimits(Duration.ofMillis(600), Duration.ZERO,
            Duration.ofMillis(600), 4096);
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url(), b -> b.upstreamLimits(FAST));
        client = new BridgeClient(Bridges.url(bridge));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        backend.close();
    }

    /** After every fault, the bridge answers an ordinary request normally. */
    @AfterEach
    void the_bridge_serves_the_next_request() {
        backend.enqueue(Script.text("fine"));
        BridgeClient.Response next = client.post("/v1/messages", request(false));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().path("content").get(0).path("text").asText()).isEqualTo("fine");
    }

    /** A fault, the error type it must become, and whether Claude Code should retry. */
    record Fault(String name, List<Script> scripts, String type, boolean retry, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> faults() {
        String html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
        return Stream.of(
                new Fault("closes before answering, twice", List.of(Script.named("drop").drop().build(),
                        Script.named("drop again").drop().build()), "overloaded_error", true, "unreachable"),
                new Fault("dies mid-stream", List.of(Script.named("dies").role().content("half").drop().build()),
                        "api_error", true, "mid-answer"),
                new Fault("stalls before its head", List.of(Script.named("stall").stall(60_000).build()),
                        "overloaded_error", true, "did not begin its answer"),
                new Fault("stalls after its head", List.of(Script.named("head").head().waitForever().build()),
                        "overloaded_error", true, "went silent"),
                new Fault("stalls between tokens", List.of(Script.named("between").role().content("a")
                        .waitForever().build()), "overloaded_error", true, "went silent"),
                new Fault("answers 500", List.of(Script.error(500, "{\"error\":{\"code\":500,\"message\":"
                        + "\"boom\",\"type\":\"server_error\"}}")), "api_error", false, "boom"),
                new Fault("is loading (503)", List.of(Script.error(503, "{\"error\":{\"code\":503,\"message\":"
                        + "\"Loading model\",\"type\":\"unavailable_error\"}}")), "overloaded_error", true, "Loading"),
                new Fault("rate-limits (429)", List.of(Script.error(429, "{\"error\":\"slow down\"}")),
                        "rate_limit_error", true, "slow down"),
                new Fault("answers an HTML error page", List.of(Script.named("html").raw(502, "text/html", html)
                        .build()), "overloaded_error", true, "502 Bad Gateway"),
                new Fault("answers a huge error body", List.of(Script.named("huge").raw(500, "text/plain",
                        "x".repeat(1 << 20), 200).build()), "api_error", false, "xxxx"),
                new Fault("sends a malformed chunk", List.of(Script.named("malformed").role()
                        .line("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}\n").build()),
                        "api_error", true, "could not be read"),
                new Fault("truncates its stream", List.of(Script.named("truncated").role().content("half")
                        .build()), "api_error", true, "ended before it was complete"),
                new Fault("answers an empty 200", List.of(Script.named("empty").head().build()),
                        "api_error", true, "empty body"),
                new Fault("answers 200 with JSON that is no completion", List.of(Script.named("json")
                        .raw(200, "application/json", "{\"hello\":\"world\"}").build()),
                        "api_error", true, "not a complete chat completion"))
                .flatMap(f -> Stream.of(Arguments.of(f, true), Arguments.of(f, false)));
    }

    @ParameterizedTest(name = "{0}, streaming: {1}")
    @MethodSource("faults")
    void a_backend_fault_becomes_the_anthropic_error_it_deserves(Fault fault, boolean stream) {
        fault.scripts().forEach(backend::enqueue);
        try (BridgeClient.Stream answer = client.stream(request(stream))) {
            JsonNode error = stream && answer.status() == 200 ? errorEvent(answer.all()) : errorBody(answer);
            assertThat(error.path("type").asText()).as(fault.name()).isEqualTo(fault.type());
            assertThat(error.path("message").asText()).as(fault.name()).contains(fault.messagePart())
                    .hasSizeLessThan(1200);
            if (answer.status() != 200) {
                assertThat(answer.headers().firstValue("x-should-retry")).hasValue(Boolean.toString(fault.retry()));
            }
        }
    }

    @Test
    void a_connection_closed_before_any_answer_is_sent_once_more() {
        backend.enqueue(Script.named("stale").drop().build());
        backend.enqueue(Script.text("second ", "try"));

        BridgeClient.Response response = client.post("/v1/messages", request(false));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("content").get(0).path("text").asText()).isEqualTo("second try");
    }

    @Test
    void a_backend_that_ignores_stream_and_sends_one_completion_is_read_as_one_chunk() {
        backend.enqueue(Script.named("whole").raw(200, "application/json", "{\"id\":\"x\",\"object\":"
                + "\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"all at once\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,"
                + "\"completion_tokens\":3,\"total_tokens\":8}}").build());

        try (BridgeClient.Stream answer = client.stream(request(true))) {
            List<SseEvent> events = answer.all();
            assertThat(events.stream().map(SseEvent::name)).contains("content_block_delta").last()
                    .isEqualTo("message_stop");
            assertThat(events.stream().filter(e -> e.name().equals("content_block_delta"))
                    .map(e -> e.data().path("delta").path("text").asText())).containsExactly("all at once");
        }
    }

    @Test
    void a_backend_restarted_mid_flight_ends_the_stream_with_an_error_and_serves_again_when_back() throws Exception {
        ScriptedBackend first = new ScriptedBackend();
        int port = first.port();
        first.enqueue(Script.named("dies with its process").role().content("half").waitForever().build());
        try (BridgeServer own = Bridges.start(first.url(), b -> b.upstreamLimits(FAST))) {
            BridgeClient ownClient = new BridgeClient(Bridges.url(own));
            try (BridgeClient.Stream stream = ownClient.stream(request(true))) {
                stream.until(e -> e.name().equals("content_block_delta"));
                first.close();
                JsonNode error = errorEvent(stream.all());
                assertThat(error.path("type").asText()).isEqualTo("api_error");
            }
            try (ScriptedBackend again = new ScriptedBackend(port)) {
                again.enqueue(Script.text("back"));
                BridgeClient.Response next = ownClient.post("/v1/messages", request(false));
                assertThat(next.status()).as(next.body()).isEqualTo(200);
                assertThat(next.json().path("content").get(0).path("text").asText()).isEqualTo("back");
            }
        }
    }

    private static JsonNode errorEvent(List<SseEvent> events) {
        assertThat(events).isNotEmpty();
        SseEvent last = events.getLast();
        assertThat(last.name()).isEqualTo("error");
        assertThat(events.stream().map(SseEvent::name)).doesNotContain("message_stop");
        return last.data().path("error");
    }

    private static JsonNode errorBody(BridgeClient.Stream answer) {
        assertThat(answer.status()).isNotEqualTo(200);
        return Json.parse(answer.rawBody()).path("error");
    }

    private static String request(boolean stream) {
        return "{\"model\":\"m\",\"max_tokens\":10,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
