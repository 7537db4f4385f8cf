package dev.localbridge.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --llm}: one chat-completions request per module to a fake backend, the answers under each module. */
class LlmSummariesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern MODULE = Pattern.compile("Module `([^`]+)`");

    HttpServer backend;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    record Request(String method, String path, String authorization, JsonNode body) {
    }

    @BeforeEach
    void startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", this::answer);
        backend.start();
    }

    @AfterEach
    void stopBackend() {
        backend.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + backend.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Matcher module = MODULE.matcher(body.path("messages").path(1).path("content").asText());
        String name = module.find() ? module.group(1) : "?";
        String content = "<think>The outline shows " + name + ".</think>\n**" + name + "** does   the `"
                + name + "` things.";
        String reply = status == 200 ? JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                JSON.createObjectNode().set("message", JSON.createObjectNode().put("role", "assistant")
                        .put("content", content)))).toString() : "{\"error\":{\"message\":\"model not loaded\"}}";
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void each_module_gets_the_backends_summary_in_one_line(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        Repo.Run run = repo.map("--llm", "--backend", url(), "--model", "tiny-coder");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(repo.claudeMdText()).contains(
                "- `inventory` (3): inventory does the inventory things.",
                "- `inventory.sync` (2): inventory.sync does the inventory.sync things.");
        assertThat(run.err()).contains("summarising inventory\n", "summarising inventory.sync\n");
    }

    @Test
    void the_request_is_a_non_streaming_chat_completion_with_the_module_outline(@TempDir Path root) {
        SampleRepositoriesTest.pythonCli(root).map("--llm", "--backend", url() + "/v1/", "--model", "tiny-coder");
        assertThat(requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.authorization()).isNull();
            assertThat(request.body().path("stream").asBoolean(true)).isFalse();
            assertThat(request.body().path("model").asText()).isEqualTo("tiny-coder");
            assertThat(request.body().path("messages").path(0).path("role").asText()).isEqualTo("system");
            assertThat(request.body().path("messages").path(1).path("role").asText()).isEqualTo("user");
        });
        String first = requests.getFirst().body().path("messages").path(1).path("content").asText();
        assertThat(first).startsWith("Module `inventory` (Python package, 3 files)")
                .contains("== src/inventory/store.py", "class Store:", "def main():");
    }

    @Test
    void the_model_defaults_to_the_model_maps_default_and_the_backend_key_is_sent(@TempDir Path root) {
        SampleRepositoriesTest.pythonCli(root).map("--llm", "--backend", url(), "--model-map", "default=qwen3-4b",
                "--backend-api-key", "sk-local");
        assertThat(requests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.body().path("model").asText()).isEqualTo("qwen3-4b");
            assertThat(request.authorization()).isEqualTo("Bearer sk-local");
        });
    }

    @Test
    void the_same_answers_give_the_same_bytes(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        repo.map("--llm", "--backend", url());
        byte[] first = repo.claudeMdBytes();
        Repo.Run again = repo.map("--llm", "--backend", url());
        assertThat(again.out()).contains("is already up to date");
        assertThat(repo.claudeMdBytes()).isEqualTo(first);
        assertThat(repo.map("--check").exitCode()).as("without --llm the summaries are not there").isEqualTo(1);
    }

    @Test
    void a_failing_backend_is_an_error_and_nothing_is_written(@TempDir Path root) {
        status = 503;
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        Repo.Run run = repo.map("--llm", "--backend", url());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("answered 503", "model not loaded");
        assertThat(repo.claudeMd()).doesNotExist();
    }

    @Test
    void an_unreachable_backend_is_an_error(@TempDir Path root) {
        backend.stop(0);
        Repo.Run run = SampleRepositoriesTest.pythonCli(root).map("--llm", "--backend", url());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("could not reach the backend at " + url() + "/v1/chat/completions");
    }

    @Test
    void answers_are_tidied_to_one_plain_line() {
        assertThat(ModuleSummarizer.tidy("<think>\nhmm\n</think>\n\n\"Parses `pom.xml` files.\"")).isEqualTo(
                "Parses pom.xml files.");
        assertThat(ModuleSummarizer.tidy("reasoning without an opening tag</think>## Serves HTTP.")).isEqualTo(
                "Serves HTTP.");
        assertThat(ModuleSummarizer.tidy("<think>cut off mid-thought")).isEmpty();
        assertThat(ModuleSummarizer.tidy("word ".repeat(100))).hasSizeLessThanOrEqualTo(240).endsWith("word…");
    }
}
