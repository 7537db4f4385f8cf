package dev.localbridge.bench;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures the stack: each prompt, run after run, direct to the backend and through the bridge, alternating
 * which goes first. Warm-up runs of each prompt come first and are not counted: a bridge started in-process
 * is compiled by the JIT during its first requests.
 */
public final class Bench implements AutoCloseable {
    private final BenchSettings settings;
    private final Consumer<String> progress;
    private final HttpClient http;
    private final DirectRunner direct;
    private final BridgeRunner bridge;
    private final DirectRequest translate;

    public Bench(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        this.direct = new DirectRunner(http, settings.backendUrl(), settings.backendApiKey(),
                settings.requestTimeout());
        this.bridge = new BridgeRunner(http, settings.bridgeUrl(), settings.bridgeKey(), settings.requestTimeout());
        this.translate = new DirectRequest(settings.models(), settings.backend().model(), settings.outputCeiling(),
                settings.backend().nCtx(), settings.minOutputTokens());
    }

    public BenchResult run() {
        List<PromptOutcome> outcomes = new ArrayList<>();
        for (BenchPrompt prompt : settings.prompts()) {
            outcomes.add(measure(prompt));
        }
        return new BenchResult(settings, outcomes);
    }

    private PromptOutcome measure(BenchPrompt prompt) {
        List<RunPair> runs = new ArrayList<>();
        try {
            for (int warmUp = 1; warmUp <= settings.warmUps(); warmUp++) {
                RunPair pair = pair(prompt, warmUp);
                progress.accept(prompt.name() + " warm-up " + warmUp + "/" + settings.warmUps() + " (not counted): "
                        + describe(pair));
            }
            for (int run = 1; run <= settings.runs(); run++) {
                RunPair pair = pair(prompt, run);
                progress.accept(prompt.name() + " run " + run + "/" + settings.runs() + ": " + describe(pair));
                runs.add(pair);
            }
            return PromptOutcome.Measured.of(prompt, runs);
        } catch (BenchException e) {
            progress.accept(prompt.name() + ": " + e.getMessage());
            return new PromptOutcome.Failed(prompt, e.getMessage(), runs);
        }
    }

    private static String describe(RunPair pair) {
        return "first token " + Numbers.duration(pair.direct().ttftMs()) + " direct, "
                + Numbers.duration(pair.bridge().ttftMs()) + " via the bridge; " + pair.direct().promptTokens()
                + " prompt tokens, " + pair.direct().completionTokens() + " generated";
    }

    /** Odd runs go direct first, even runs through the bridge first, so neither path always goes second. */
    private RunPair pair(BenchPrompt prompt, int run) {
        if (run % 2 == 1) {
            DirectSample direct = runDirect(prompt, settings.maxTokens());
            return new RunPair(run, direct, runBridge(prompt, settings.maxTokens()));
        }
        BridgeSample bridge = runBridge(prompt, settings.maxTokens());
        return new RunPair(run, runDirect(prompt, settings.maxTokens()), bridge);
    }

    private DirectSample runDirect(BenchPrompt prompt, int maxTokens) {
        return direct.run(translate.body(bytes(prompt, maxTokens)));
    }

    private BridgeSample runBridge(BenchPrompt prompt, int maxTokens) {
        return bridge.run(bytes(prompt, maxTokens));
    }

    private static byte[] bytes(BenchPrompt prompt, int maxTokens) {
        return prompt.forRun(Nonce.next(), maxTokens).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
