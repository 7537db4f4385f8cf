package dev.localbridge.loadbench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the clients talk to: the upstream directly (the limit), or a translating proxy in its own process. */
sealed interface Contender extends AutoCloseable {
    String name();

    /** Where a client POSTs a streaming chat request. */
    String url();

    /** The proxy's process, or null for the upstream itself (it lives in the harness). */
    ProcessHandle process();

    @Override
    default void close() {
    }

    record Direct(String upstream) implements Contender {
        @Override
        public String name() {
            return "direct";
        }

        @Override
        public String url() {
            return upstream + "/v1/chat/completions";
        }

        @Override
        public ProcessHandle process() {
            return null;
        }
    }

    /** A child process serving the Anthropic Messages API on a loopback port. */
    record Proxy(String name, int port, Process child) implements Contender {
        @Override
        public String url() {
            return "http://127.0.0.1:" + port + "/v1/messages";
        }

        @Override
        public ProcessHandle process() {
            return child.toHandle();
        }

        @Override
        public void close() {
            child.destroy();
            try {
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The collector the launcher ({@code localbridge}) runs the bridge with: G1, the best of G1, generational ZGC,
     * Shenandoah (single and generational), Serial and G1 with a 5 or 10 ms pause goal for the per-token lag on a
     * 2-core machine (README, Speed). A run whose own options choose a collector uses that one instead.
     */
    static final String BRIDGE_GC = "-XX:+UseG1GC";

    /** Local Bridge from its jar, with the given JVM options, in front of the upstream. */
    static Proxy bridge(Path jar, List<String> jvmOptions, String upstream, Path workDir) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaCommand(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED"));
        if (jvmOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            command.add(BRIDGE_GC);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", Integer.toString(port),
                "--backend", upstream));
        Path home = Files.createDirectories(workDir.resolve("bridge-home"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("bridge.log").toFile());
        builder.environment().putAll(Map.of("LOCALBRIDGE_HOME", home.toString(), "LOCALBRIDGE_LOG_LEVEL", "WARNING"));
        return awaitHealthy(new Proxy("localbridge", port, builder.start()));
    }

    /** claude-code-router ({@code ccr start}, headless) with a config naming only the upstream, in its own HOME. */
    static Proxy claudeCodeRouter(Path cli, String upstream, Path workDir) throws IOException {
        int port = freePort();
        Path home = workDir.resolve("ccr-home");
        Path config = Files.createDirectories(home.resolve(".claude-code-router")).resolve("config.json");
        Files.writeString(config, """
                {"PORT": %d, "HOST": "127.0.0.1", "LOG": false, "API_TIMEOUT_MS": 600000,
                 "Providers": [{"name": "upstream", "api_base_url": "%s/v1/chat/completions", "api_key": "none",
                                "models": ["m"]}],
                 "Router": {"default": "upstream,m"}}
                """.formatted(port, upstream));
        ProcessBuilder builder = new ProcessBuilder("node", cli.toString(), "start").redirectErrorStream(true)
                .redirectOutput(workDir.resolve("ccr.log").toFile());
        builder.environment().put("HOME", home.toString());
        return awaitHealthy(new Proxy("claude-code-router", port, builder.start()));
    }

    private static Proxy awaitHealthy(Proxy proxy) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && proxy.child().isAlive()) {
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build();
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return proxy;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleepBriefly();
        }
        proxy.close();
        throw new IOException(proxy.name() + " did not become healthy on port " + proxy.port());
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50); // polling a child process's startup, not synchronising threads
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
