package dev.localbridge.server;

import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A soak run (a harness, not a test): many requests, many at once, random backend faults and random client
 * hang-ups, through a bridge in its own JVM with a capped heap. At the end it checks what must hold after hours of
 * use: the bridge is alive and answers, no exchange is left open, no connection to the backend is left open, every
 * llama-server slot is idle, and the heap after a full GC is where it was after warm-up.
 *
 * <p>Run: {@code scripts/bench-soak fake [REQUESTS] [CONCURRENCY]} (scripted backend with faults) or
 * {@code scripts/bench-soak llama [REQUESTS] [CONCURRENCY]} (real llama-server, tiny model).
 */
public final class SoakRun {
    private final int port;
    private final long pid;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    private SoakRun(int port, long pid) {
        this.port = port;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "fake";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : mode.equals("fake") ? 10_000 : 1_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : mode.equals("fake") ? 64 : 16;
        if (mode.equals("fake")) {
            try (ScriptedBackend backend = new ScriptedBackend()) {
                backend.fallback(body -> FaultMix.pick(ThreadLocalRandom.current().nextInt(100)));
                soak(backend.url(), requests, concurrency, url -> "(scripted backend)");
            }
        } else {
            try (LlamaServer llama = LlamaServer.start(4 * 4096, 4)) {
                soak(llama.url(), requests, concurrency, SoakRun::slotsIdle);
            }
        }
    }

    private static void soak(String backend, int requests, int concurrency, Function<String, String> slots)
            throws Exception {
        int port = LlamaServer.freePort();
        Process bridge = ConcurrencyBenchmark.startBridge(port, backend, "256m", "--upstream-idle-s", "1",
                "--upstream-first-byte-s", "2", "--upstream-prefill-s-per-1k", "0");
        try {
            ConcurrencyBenchmark.awaitHealthy(port);
            SoakRun run = new SoakRun(port, bridge.pid());
            run.batch(200, concurrency);
            long heapBefore = run.heapAfterFullGc();
            long started = System.nanoTime();
            run.outcomes.clear();
            run.batch(requests, concurrency);
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(4000); // pooled upstream connections expire after 3 s idle: what is left then is a leak
            long heapAfter = run.heapAfterFullGc();
            System.out.printf("%d requests, %d at once, in %.1f s (%.0f/s)%n", requests, concurrency, seconds,
                    requests / seconds);
            System.out.println("outcomes: " + new TreeMap<>(run.outcomes));
            System.out.println("bridge alive: " + bridge.isAlive() + ", /health: " + run.health());
            System.out.println("exchanges still open: " + run.metric("localbridge_active_exchanges"));
            long open = run.backendConnections(backend);
            if (open > 0) {
                Thread.sleep(6000); // one may belong to the health probe made meanwhile: ask again after its expiry
                open = run.backendConnections(backend);
            }
            System.out.println("connections to the backend still open: " + open);
            System.out.println("llama-server slots: " + slots.apply(backend));
            System.out.printf("heap after full GC: %d KB after warm-up, %d KB at the end%n", heapBefore / 1024,
                    heapAfter / 1024);
        } finally {
            bridge.destroy();
            bridge.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void batch(int requests, int concurrency) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                permits.acquire();
                int n = i;
                threads.submit(() -> {
                    try {
                        count(one(n));
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** One request, hung up at a random moment one time in ten; returns how it ended. */
    private String one(int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean stream = random.nextBoolean();
        boolean hangUp = random.nextInt(10) == 0;
        String body = "{\"model\":\"m\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"soak " + n + "\"}]}";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            send(socket.getOutputStream(), body);
            if (hangUp) {
                Thread.sleep(random.nextInt(300));
                return "hung up";
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return classify(answer);
        } catch (IOException | InterruptedException e) {
            return "client failure: " + e.getClass().getSimpleName();
        }
    }

    private static String classify(String answer) {
        String status = answer.length() > 12 ? answer.substring(9, 12) : "none";
        if (!status.equals("200")) {
            return "HTTP " + status;
        }
        boolean stream = answer.contains("text/event-stream");
        if (stream && answer.contains("event: error")) {
            return "200 then error event";
        }
        boolean complete = stream ? answer.contains("event: message_stop") : answer.contains("\"type\":\"message\"");
        return complete ? "200 complete" : "200 INCOMPLETE";
    }

    private void send(OutputStream out, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n"
                + "content-type: application/json\r\ncontent-length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private String health() {
        return Integer.toString(get("/health").statusCode());
    }

    private String metric(String name) {
        return get("/metrics").body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .findFirst().orElse(name + " (absent)");
    }

    private HttpResponse<String> get(String path) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Established TCP connections of the bridge's process to the backend's port. */
    private long backendConnections(String backend) throws IOException, InterruptedException {
        int backendPort = URI.create(backend).getPort();
        Process ss = new ProcessBuilder("ss", "-tnpH", "state", "established").start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        return out.lines().filter(l -> l.contains("pid=" + pid + ","))
                .filter(l -> l.contains(":" + backendPort + " ")).count();
    }

    private long heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private static String slotsIdle(String llama) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String slots = http.send(HttpRequest.newBuilder(URI.create(llama + "/slots")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long busy = slots.split("\"is_processing\":true", -1).length - 1L;
            return busy == 0 ? "all idle" : busy + " BUSY";
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e + ")";
        }
    }

    /** What the scripted backend answers: mostly good answers, and every fault of the fault suite. */
    static final class FaultMix {
        private static final List<Script> FAULTS = faults();

        static Script pick(int percent) {
            if (percent < 70) {
                return good();
            }
            return FAULTS.get(percent % FAULTS.size());
        }

        private static Script good() {
            Script.Builder builder = Script.named("good").role();
            for (int i = 0; i < 10; i++) {
                builder.content(" t" + i).delay(2);
            }
            return builder.finish("stop").usage(20, 10, 5).done().build();
        }

        private static List<Script> faults() {
            List<Script> faults = new ArrayList<>();
            faults.add(Script.named("drop").drop().build());
            faults.add(Script.named("dies").role().content("half").delay(5).drop().build());
            faults.add(Script.named("stall head").stall(60_000).build());
            faults.add(Script.named("stall tokens").role().content("a").waitForever().build());
            faults.add(Script.error(500, "{\"error\":{\"code\":500,\"message\":\"boom\",\"type\":\"server_error\"}}"));
            faults.add(Script.error(503, "{\"error\":{\"code\":503,\"message\":\"Loading model\"}}"));
            faults.add(Script.error(429, "{\"error\":\"slow down\"}"));
            faults.add(Script.named("html").raw(502, "text/html", "<html><title>502</title></html>").build());
            faults.add(Script.named("huge").raw(500, "text/plain", "x".repeat(64 * 1024), 160).build());
            faults.add(Script.named("malformed").role().line("data: {\"choices\":[{\"delta\"\n").build());
            faults.add(Script.named("truncated").role().content("half").build());
            faults.add(Script.named("empty").head().build());
            faults.add(Script.named("json").raw(200, "application/json", "{\"hello\":1}").build());
            return List.copyOf(faults);
        }
    }
}
