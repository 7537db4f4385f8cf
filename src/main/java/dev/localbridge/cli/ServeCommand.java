package dev.localbridge.cli;

import dev.localbridge.config.BridgeConfig;
import dev.localbridge.config.Version;
import dev.localbridge.server.BridgeServer;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the Anthropic Messages API in front of an OpenAI-compatible backend.",
        footer = {"", "Examples:",
                "  localbridge serve                                   # backend at http://127.0.0.1:8080",
                "  localbridge serve --port 8082 --backend http://gpu-box:8080",
                "  LOCALBRIDGE_BACKEND=http://127.0.0.1:11434 localbridge serve   # Ollama",
                "  localbridge serve --backend http://gpu1:8080 --backend http://gpu2:8080 --slot-affinity   # equals",
                "  localbridge serve --config pool.yaml              # a pool with routes (README: Scaling out)",
                "", "Then point Claude Code at it: ANTHROPIC_BASE_URL=http://127.0.0.1:8082"})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    @Mixin
    BridgeOptions options;

    /** A command's own switch, not shared configuration: {@code LOCALBRIDGE_CONFIG} names the properties file. */
    @Option(names = "--config", paramLabel = "POOL.yaml", description = "A pool of backends with routing and queue"
            + " settings (README: Scaling out); replaces --backend.")
    java.nio.file.Path poolFile;

    @Override
    public Integer call() throws InterruptedException {
        BridgeConfig config;
        try {
            config = options.toConfig(poolFile);
        } catch (IllegalArgumentException e) {
            System.err.println("localbridge: " + e.getMessage());
            return 2;
        }
        BridgeServer server;
        try {
            server = BridgeServer.start(config);
        } catch (IllegalStateException e) {
            System.err.println("localbridge: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "localbridge-shutdown"));
        LOG.info(() -> "Local Bridge " + Version.current() + " serving http://" + config.host() + ":" + server.port()
                + " -> " + describe(config) + " (output ceiling " + config.outputCeiling() + " tokens)");
        StartupFacts facts = StartupFacts.of(server.backend(), config.outputCeiling(), config.minOutputTokens(),
                OptionalInt.empty(), config.contextOverride() > 0);
        LOG.log(facts.level(), facts.line());
        stopped.await();
        return 0;
    }

    private static String describe(BridgeConfig config) {
        return config.pool().backends().size() == 1 ? config.backend().toString()
                : config.pool().backends().size() + " backends (" + String.join(", ",
                        config.pool().backends().stream().map(b -> b.name() + " " + b.url()).toList()) + ")";
    }
}
