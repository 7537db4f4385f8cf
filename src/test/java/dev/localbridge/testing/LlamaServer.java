package dev.localbridge.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real llama-server process on a free loopback port, for end-to-end tests. */
public final class LlamaServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private LlamaServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the tiny model with {@code ctx} tokens over {@code slots} slots and waits until it is healthy. */
    public static LlamaServer start(int ctx, int slots, String... extra) throws IOException, InterruptedException {
        return startOn(freePort(), ctx, slots, extra);
    }

    /** The same on a given port (to restart a server where a bridge expects it). */
    public static LlamaServer startOn(int port, int ctx, int slots, String... extra)
            throws IOException, InterruptedException {
        Path binary = ExternalTools.llamaServer();
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "-m", ExternalTools.tinyModel().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "-c", Integer.toString(ctx), "-np", Integer.toString(slots), "--no-webui"));
        command.addAll(List.of(extra));
        Path log = java.nio.file.Files.createTempFile("llama-server", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LlamaServer server = new LlamaServer(process, port, log);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    /** llama-server's log (stdout and stderr). */
    public Path log() {
        return log;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("llama-server exited with " + process.exitValue() + ": "
                        + java.nio.file.Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        close();
        throw new IOException("llama-server did not become healthy within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
