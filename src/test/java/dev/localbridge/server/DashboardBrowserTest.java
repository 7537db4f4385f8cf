package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Chromium;
import dev.localbridge.testing.FakeLlamaControl;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.PrometheusText;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import dev.localbridge.testing.SseEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium: it connects, follows a request from the scripted backend through its
 * phases to its outcome, and shows the same totals as {@code /metrics}. Screenshots (1280×800, light and dark) go
 * to {@code target/screenshots/}; the ones in {@code docs/} come from here.
 */
class DashboardBrowserTest {
    static final int N_CTX = 8192;
    static final Path SHOTS = Path.of("target/screenshots");
    static ScriptedBackend backend;
    static FakeLlamaControl control;
    static BridgeServer bridge;
    static BridgeClient client;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        control = new FakeLlamaControl(N_CTX);
        backend = new ScriptedBackend().routes(control);
        bridge = Bridges.start(backend.url());
        client = new BridgeClient(Bridges.url(bridge));
        browser = Chromium.start();
        Files.createDirectories(SHOTS);
    }

    @BeforeEach
    void quickCounts() {
        control.renderDelay(0);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    static String request(int words, boolean stream) {
        return "{\"model\":\"claude-opus-local\",\"max_tokens\":1024,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + Json.quote("word ".repeat(words)) + "}]}";
    }

    static Script answer(String name, long prefillMs, int tokens, long gapMs, long prompt, long cached) {
        Script.Builder script = Script.named(name).head().delay(prefillMs).role();
        for (int i = 0; i < tokens; i++) {
            script.content(" tok" + i).delay(gapMs);
        }
        return script.finish("stop").usage(prompt, tokens, cached).done().build();
    }

    WebDriverWait waiting(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(40));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    void open() {
        browser.get(Bridges.url(bridge) + "/dashboard");
        waiting(15).until(d -> d.findElement(By.id("conn")).getAttribute("data-state").equals("live"));
    }

    @Test
    void a_live_request_moves_through_its_phases_and_the_totals_match_metrics() {
        open();
        control.renderDelay(1300);
        // The request goes to the backend at once and is counted meanwhile: its prefill (2.8 s) outlasts the count
        // (1.3 s) by 1.5 s, which the dashboard shows as prefill.
        backend.enqueue(answer("phased", 2800, 12, 250, 2100, 0));
        CompletableFuture<List<SseEvent>> streamed = CompletableFuture.supplyAsync(() -> {
            try (BridgeClient.Stream stream = client.stream(request(2000, true))) {
                return stream.all();
            }
        });

        List<String> seen = new ArrayList<>();
        waiting(30).until(d -> {
            for (WebElement phase : d.findElements(By.cssSelector("#active .req .phase"))) {
                String name = phase.getText();
                if (seen.isEmpty() || !seen.getLast().equals(name)) {
                    seen.add(name);
                }
            }
            return streamed.isDone() && !d.findElements(By.cssSelector("#recent tr [data-outcome=completed]")).isEmpty();
        });

        assertThat(seen).containsSubsequence("counting", "prefill", "generating");
        assertThat(seen.indexOf("generating")).isEqualTo(seen.size() - 1);
        assertThat(streamed.join().getLast().name()).isEqualTo("message_stop");
        assertTotalsMatchMetrics();
    }

    @Test
    void screenshots_of_a_busy_bridge_in_light_and_dark() throws IOException {
        backend.enqueue(answer("done", 200, 30, 10, 3100, 2900));
        try (BridgeClient.Stream stream = client.stream(request(3000, true))) {
            stream.all();
        }
        backend.enqueue(Script.error(500, "{\"error\":{\"code\":500,\"message\":\"slot crashed\",\"type\":\"server_error\"}}"));
        client.post("/v1/messages", request(100, false));
        client.post("/v1/messages", request(7600, false));
        backend.enqueue(Script.named("endless").role().content("tok").waitForever().build());
        try (BridgeClient.Stream stream = client.stream(request(500, true))) {
            stream.until(e -> e.name().equals("content_block_delta"));
        }
        backend.enqueue(answer("long", 300, 400, 60, 5200, 4800));
        backend.enqueue(answer("waiting", 2000, 40, 50, 1200, 0));
        List<CompletableFuture<Void>> running = List.of(
                CompletableFuture.runAsync(() -> drain(request(5000, true))),
                CompletableFuture.runAsync(() -> drain(request(1100, true))));
        open();
        waiting(20).until(d -> d.findElements(By.cssSelector("#active .req [data-phase=generating]")).size() == 1
                && d.findElements(By.cssSelector("#active .req [data-phase=queued]")).size() == 1
                && Double.parseDouble(d.findElement(By.id("k-live")).getText()) > 0);
        Chromium.colorScheme(browser, "light");
        shoot("dashboard.png");
        Chromium.colorScheme(browser, "dark");
        shoot("dashboard-dark.png");
        Chromium.colorScheme(browser, "light");
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }

    @Test
    void with_api_keys_the_page_asks_for_the_key_and_then_goes_live() {
        try (BridgeServer locked = Bridges.start(backend.url(), b -> b.apiKeys(List.of("sk-dash")))) {
            browser.get(Bridges.url(locked) + "/dashboard");
            waiting(15).until(d -> d.findElement(By.id("keyform")).isDisplayed());
            assertThat(browser.findElement(By.id("conn")).getAttribute("data-state")).isEqualTo("key");

            browser.findElement(By.id("key")).sendKeys("wrong");
            browser.findElement(By.cssSelector("#keyform button")).click();
            waiting(15).until(d -> d.findElement(By.id("key-error")).getText().contains("not accepted"));

            browser.findElement(By.id("key")).sendKeys("sk-dash");
            browser.findElement(By.cssSelector("#keyform button")).click();
            waiting(15).until(d -> d.findElement(By.id("conn")).getAttribute("data-state").equals("live"));
            assertThat(browser.findElement(By.id("keyform")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.cssSelector("#backends .state")).getText()).isEqualToIgnoringCase("ready");
        }
    }

    static void drain(String body) {
        try (BridgeClient.Stream stream = client.stream(body)) {
            stream.all();
        }
    }

    static void shoot(String name) throws IOException {
        Files.write(SHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The page's totals equal the counters {@code /metrics} exposes, read by a Prometheus parser. */
    void assertTotalsMatchMetrics() {
        Map<String, PrometheusText.Family> metrics = PrometheusText.parse(client.get("/metrics").body());
        long requests = (long) metrics.get("localbridge_requests").sum("localbridge_requests_total");
        waiting(10).until(d -> number("requests") == requests);
        assertThat(number("input-tokens")).isEqualTo(count(metrics, "localbridge_input_tokens"));
        assertThat(number("output-tokens")).isEqualTo(count(metrics, "localbridge_output_tokens"));
        assertThat(number("cache-read-tokens")).isEqualTo(count(metrics, "localbridge_cache_read_tokens"));
        assertThat(number("errors")).isEqualTo(count(metrics, "localbridge_errors"));
        assertThat(number("hangups")).isEqualTo(count(metrics, "localbridge_client_hangups"));
        assertThat(number("output-tokens")).isPositive();
    }

    static long count(Map<String, PrometheusText.Family> metrics, String family) {
        return (long) metrics.get(family).sum(family + "_total");
    }

    static long number(String testId) {
        String text = browser.findElement(By.cssSelector("[data-testid=" + testId + "]")).getText();
        return Long.parseLong(text.replace(",", ""));
    }
}
