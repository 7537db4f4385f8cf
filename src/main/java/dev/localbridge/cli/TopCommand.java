package dev.localbridge.cli;

import dev.localbridge.top.LiveSnapshot;
import dev.localbridge.top.SnapshotReader;
import dev.localbridge.top.TopScreen;
import dev.localbridge.top.TopTerminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"The bridge's live view in the terminal (works over SSH): output tokens/s, time to first token,"
                + " prefix-cache hit rate, each request in flight with its phase and a gauge of the context it fills,"
                + " recent requests with their outcome, and the backends with model, slots and health.",
                "q or Ctrl-C quits."},
        footer = {"", "Examples:",
                "  localbridge top                                  # the bridge at --host/--port (127.0.0.1:8082)",
                "  localbridge top --url http://gpu-box:8082 --api-key KEY",
                "  localbridge top --once                           # one snapshot as text, e.g. for a script"})
final class TopCommand implements Callable<Integer> {
    @Mixin
    BridgeOptions options;

    @Option(names = "--url", paramLabel = "URL", description = "The bridge to watch (default: the one at --host and"
            + " --port).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Key to present when the bridge requires one"
            + " (default: the first of --api-keys).")
    String apiKey;

    @Option(names = "--once", description = "Print one snapshot as plain text and exit.")
    boolean once;

    @Option(names = "--width", paramLabel = "COLUMNS", description = "Width of --once's text (default:"
            + " ${DEFAULT-VALUE}).", defaultValue = "120")
    int width;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String bridge = url != null ? url : options.bridgeUrl();
        String key = apiKey != null ? apiKey : options.apiKeys == null || options.apiKeys.isEmpty() ? null
                : options.apiKeys.getFirst();
        if (once) {
            return printOnce(bridge, key);
        }
        if (System.console() == null || !System.console().isTerminal()) {
            spec.commandLine().getErr().println("localbridge top: not a terminal; use `localbridge top --once` for"
                    + " one snapshot as text");
            return 1;
        }
        new TopTerminal(bridge, key).run();
        return 0;
    }

    private int printOnce(String bridge, String key) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridge.replaceAll("/+$", "") + "/api/live"))
                .timeout(Duration.ofSeconds(5)).GET();
        if (key != null) {
            request.header("x-api-key", key);
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println("localbridge top: " + bridge + "/api/live answered " + response.statusCode());
                return 1;
            }
            LiveSnapshot snapshot = SnapshotReader.read(response.body());
            out.print(TopScreen.plain(TopScreen.render(new TopScreen.View(bridge, new TopScreen.Connection.Live(),
                    Optional.of(snapshot)), width, Integer.MAX_VALUE, TopScreen.Glyphs.UNICODE)));
            out.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("localbridge top: cannot read the live view of " + bridge + ": " + e.getMessage());
            return 1;
        }
    }
}
