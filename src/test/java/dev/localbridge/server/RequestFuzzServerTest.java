package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.translate.RequestMutations;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutated real requests sent to a running bridge (backend with a tokenizer, so counting runs too): every answer
 * is a 200 or a 4xx in Anthropic's error shape; never a 5xx, never a hang (each request has a 30 s guard).
 */
class RequestFuzzServerTest {
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static BridgeClient client;
    static List<byte[]> fixtures;

    @BeforeContainer
    static void start() throws Exception {
        backend = new ScriptedBackend().routes(new FakeLlamaControl(200_000)).fallback(body -> Script.text("ok"));
        bridge = Bridges.start(backend.url());
        client = new BridgeClient(Bridges.url(bridge));
        try (Stream<Path> files = Files.list(ExternalTools.shared().resolve("fixtures/claude-code-2.1.328"))) {
            fixtures = files.sorted().map(RequestFuzzServerTest::body).toList();
        }
    }

    @AfterContainer
    static void stop() {
        bridge.close();
        backend.close();
    }

    private static byte[] body(Path fixture) {
        try {
            JsonNode body = Json.parse(Files.readString(fixture)).path("body");
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        return RequestMutations.of(fixtures);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void a_mutated_request_gets_a_200_or_an_anthropic_4xx(@ForAll("mutatedRequests") byte[] body) {
        String path = body.length % 2 == 0 ? "/v1/messages" : "/v1/messages/count_tokens";
        BridgeClient.Response response = client.send(HttpRequest.newBuilder(URI.create(Bridges.url(bridge) + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(response.status()).as(response.body()).isIn(200, 400, 413);
        if (response.status() != 200) {
            assertThat(response.json().path("type").asText()).isEqualTo("error");
            assertThat(response.json().path("error").path("type").asText()).isNotBlank();
        }
        Statistics.label("status").collect(path + " " + response.status());
    }
}
