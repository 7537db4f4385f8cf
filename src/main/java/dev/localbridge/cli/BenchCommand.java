package dev.localbridge.cli;

import dev.localbridge.backend.BackendProber;
import dev.localbridge.backend.BackendStatus;
import dev.localbridge.bench.Bench;
import dev.localbridge.bench.BenchJson;
import dev.localbridge.bench.BenchPrompt;
import dev.localbridge.bench.BenchReport;
import dev.localbridge.bench.BenchResult;
import dev.localbridge.bench.BenchSettings;
import dev.localbridge.config.ModelMap;
import dev.localbridge.diagnose.BridgeStatus;
import dev.localbridge.server.BridgeServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the stack with prompts of Claude Code's real size: prefill and generation tokens/s"
                + " (llama-server's own timings) and time to first token, direct to the backend and through the"
                + " bridge side by side, then say where the bottleneck is.",
                "Uses the bridge at --port if one is running there, else starts one in-process for the run."
                        + " Progress goes to stderr. Exit code: 0 measured, 1 a prompt failed, 2 nothing to measure."},
        footer = {"", "Examples:",
                "  localbridge bench                                   # both prompts, 1 warm-up + 3 runs, 128 tokens",
                "  localbridge bench --prompt small --runs 5",
                "  localbridge bench --backend http://gpu-box:8080 --json > bench.json"})
final class BenchCommand implements Callable<Integer> {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);

    @Mixin
    BridgeOptions options;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Option(names = "--runs", description = "Runs per prompt; the report shows medians (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int runs;

    @Option(names = "--warm-ups", description = "Uncounted runs of each prompt before the measured ones"
            + " (default: ${DEFAULT-VALUE}; 0 skips them, saving a prefill per path on slow hardware).",
            defaultValue = "1")
    int warmUps;

    @Option(names = "--max-tokens", description = "Output tokens per request (default: ${DEFAULT-VALUE}).",
            defaultValue = "128")
    int maxTokens;

    @Option(names = "--prompt", split = ",", description = "fixture (Claude Code's real first request, 12 tools)"
            + " and/or small (default: ${DEFAULT-VALUE}).", defaultValue = "fixture,small")
    List<String> prompts;

    @Spec
    CommandSpec spec;

    private final Function<BridgeOptions, BridgeServer> bridgeStarter;

    BenchCommand() {
        this(options -> BridgeServer.start(options.toConfig()));
    }

    /** @param bridgeStarter starts a bridge for the run when none answers at {@code --port} */
    BenchCommand(Function<BridgeOptions, BridgeServer> bridgeStarter) {
        this.bridgeStarter = bridgeStarter;
    }

    @Override
    public Integer call() {
        List<BenchPrompt> chosen = choosePrompts();
        PrintWriter err = spec.commandLine().getErr();
        Target target = locate();
        Optional<String> refusal = target.refusal(options.port);
        if (refusal.isPresent()) {
            err.println("bench: " + refusal.get());
            err.flush();
            return 2;
        }
        BackendStatus.Serving backend = (BackendStatus.Serving) target.backend();
        try (BridgeServer started = target.bridge() instanceof BridgeStatus.Running ? null : startBridge(err)) {
            BenchSettings settings = new BenchSettings(backend.url(), options.backendApiKey, backend.info(),
                    options.bridgeUrl(), bridgeKey(), started != null, warmUps, runs, maxTokens, chosen,
                    ModelMap.of(options.modelMap == null ? Map.of() : options.modelMap), options.outputCeiling,
                    options.minOutputTokens, REQUEST_TIMEOUT);
            BenchResult result = measure(settings, err);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? BenchJson.write(result) : BenchReport.text(result));
            out.flush();
            return result.complete() ? 0 : 1;
        }
    }

    /** What answers at the bridge's port, and the backend its requests reach. */
    private record Target(BridgeStatus bridge, BackendStatus backend) {
        /** Why there is nothing to measure, if so. */
        Optional<String> refusal(int port) {
            boolean portTaken = switch (bridge) {
                case BridgeStatus.Running running -> false;
                case BridgeStatus.Absent absent -> false;
                case BridgeStatus.Foreign foreign -> true;
                case BridgeStatus.NotHttp notHttp -> true;
            };
            if (portTaken) {
                return Optional.of("port " + port + " is taken by something that is not Local Bridge ("
                        + bridge.describe() + "); use --port to pick the bridge's port");
            }
            return switch (backend) {
                case BackendStatus.Serving serving -> Optional.empty();
                case BackendStatus.Loading loading -> noBackend();
                case BackendStatus.Absent absent -> noBackend();
                case BackendStatus.Unauthorized denied -> noBackend();
                case BackendStatus.Foreign foreign -> noBackend();
                case BackendStatus.NotHttp notHttp -> noBackend();
            };
        }

        private Optional<String> noBackend() {
            return Optional.of("no backend to measure at " + backend.url() + " (" + backend.describe()
                    + "); run localbridge doctor for the fix");
        }
    }

    private Target locate() {
        BridgeStatus bridge = BridgeStatus.probe(options.bridgeUrl(), PROBE_TIMEOUT);
        return new Target(bridge, new BackendProber(bridge.backendOr(options.backend()), options.backendApiKey,
                PROBE_TIMEOUT).probe());
    }

    private static BenchResult measure(BenchSettings settings, PrintWriter err) {
        try (Bench bench = new Bench(settings, line -> {
            err.println("bench: " + line);
            err.flush();
        })) {
            return bench.run();
        }
    }

    private List<BenchPrompt> choosePrompts() {
        if (runs < 1 || maxTokens < 1 || warmUps < 0) {
            throw new ParameterException(spec.commandLine(), "--runs and --max-tokens must be at least 1,"
                    + " --warm-ups at least 0");
        }
        try {
            return prompts.stream().distinct().map(BenchPrompt::named).toList();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private BridgeServer startBridge(PrintWriter err) {
        err.println("bench: no bridge at " + options.bridgeUrl() + "; starting one in-process for this run");
        err.flush();
        return bridgeStarter.apply(options);
    }

    /** A key the bridge accepts: the first of --api-keys, or any value when it checks none. */
    private String bridgeKey() {
        return options.apiKeys == null || options.apiKeys.isEmpty() ? "localbridge-bench" : options.apiKeys.getFirst();
    }
}
