package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.Tmux;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code top} in tmux against the real bridge's live view (not a stand-in): a streaming request that the backend
 * keeps generating shows as active, and when its client hangs up it moves to the recent requests.
 */
class TopAgainstTheBridgeTest {
    @TempDir
    Path dir;

    @Test
    void top_shows_a_real_request_in_flight_and_then_its_hang_up() throws Exception {
        Tmux.require();
        try (ScriptedBackend backend = new ScriptedBackend().routes(new FakeLlamaControl(32768))) {
            backend.enqueue(Script.named("forever").head().role().content("Once upon a time").waitForever().build());
            BridgeServer bridge = Bridges.start(backend.url());
            HttpClient client = HttpClient.newHttpClient();
            try (Tmux tmux = Tmux.start(dir.resolve("tmux.conf"), 140, 40, TopInTerminalTest.top(Bridges.url(bridge)))) {
                CompletableFuture<HttpResponse<java.io.InputStream>> answer = client.sendAsync(HttpRequest
                        .newBuilder(URI.create(Bridges.url(bridge) + "/v1/messages"))
                        .header("content-type", "application/json").header("x-api-key", "k")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-opus-local\",\"max_tokens\":"
                                + "100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell a story\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());

                String active = tmux.awaitScreen(s -> s.contains("ACTIVE (1)") && s.contains("generating"),
                        TopInTerminalTest.SHOWS);
                System.err.println("top against the bridge, a request in flight:\n" + active);
                assertThat(active).contains("Local Bridge").contains(" live").containsPattern("n_ctx 32768")
                        .containsPattern("req_\\S* +\\S+ +generating +\\[");

                answer.join().body().close();
                String after = tmux.awaitScreen(s -> s.contains("ACTIVE (0)") && s.contains("hung_up"),
                        TopInTerminalTest.SHOWS);
                assertThat(after).containsPattern("req_\\S* +\\S+ +hung_up");
                tmux.sendKeys("q");
                assertThat(tmux.awaitExit(TopInTerminalTest.SHOWS)).isZero();
            } finally {
                bridge.close();
            }
        }
    }
}
