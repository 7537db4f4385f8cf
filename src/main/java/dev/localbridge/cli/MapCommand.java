package dev.localbridge.cli;

import dev.localbridge.map.ChatCompletionsSummarizer;
import dev.localbridge.map.MapGenerator;
import dev.localbridge.map.ModuleSummarizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Write a map of the repository into CLAUDE.md, sized for a model that cannot read all of it:"
                + " top-level directories, modules, entry points, build and test commands, side effects, config"
                + " files. It is derived from build files, imports and file kinds; nothing is run.",
                "The map lives between <!-- localbridge:map:begin --> and <!-- localbridge:map:end -->; text"
                        + " outside the markers is kept byte for byte. Same tree, same bytes."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written, or already up to date", "1:out of date (--check)", "2:error"},
        footer = {"", "Examples:",
                "  localbridge map                    # map . into ./CLAUDE.md",
                "  localbridge map ~/src/app --budget 1500",
                "  localbridge map --check            # exit 1 if CLAUDE.md is out of date (CI)",
                "  localbridge map --print            # show the section, write nothing",
                "  localbridge map --llm --backend http://127.0.0.1:8080   # summarise modules"})
public final class MapCommand implements Callable<Integer> {
    static final int OUT_OF_DATE = 1;
    static final int ERROR = 2;

    @Mixin
    BridgeOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The repository to map (default: the current directory).")
    Path dir;

    @Option(names = "--budget", paramLabel = "TOKENS", defaultValue = "" + MapGenerator.DEFAULT_BUDGET,
            description = "Most tokens the map may take, at ~4 characters a token (default: ${DEFAULT-VALUE});"
                    + " over it, detail is dropped in a fixed order and the map says what.")
    int budget;

    @Option(names = "--output", paramLabel = "FILE", description = "The file to update (default: DIR/CLAUDE.md).")
    Path output;

    @Option(names = "--check", description = "Write nothing; exit 1 if the file differs from what this run (same"
            + " options) would write.")
    boolean check;

    @Option(names = "--print", description = "Print the generated section to standard output; write nothing.")
    boolean print;

    @Option(names = "--llm", description = "Ask the backend (--backend) for a one-line summary of each module.")
    boolean llm;

    @Option(names = "--model", description = "The backend model for --llm (default: --model-map's default=, else"
            + " \"local\").")
    String model;

    @Option(names = "--llm-timeout-s", paramLabel = "SECONDS", defaultValue = "300",
            description = "Longest wait for one summary (default: ${DEFAULT-VALUE}).")
    long llmTimeoutSeconds;

    @Option(names = "--max-files", paramLabel = "N", defaultValue = "" + MapGenerator.DEFAULT_MAX_FILES,
            description = "Most files scanned (default: ${DEFAULT-VALUE}).")
    int maxFiles;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            MapGenerator.Result result = generate(err);
            return report(result, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("localbridge map: " + message(e));
            err.flush();
            return ERROR;
        }
    }

    private MapGenerator.Result generate(PrintWriter err) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        MapGenerator.Request request = new MapGenerator.Request(root,
                output != null ? output : root.resolve("CLAUDE.md"), budget, maxFiles);
        if (!llm) {
            return MapGenerator.generate(request, Optional.empty(), name -> { });
        }
        try (ChatCompletionsSummarizer summarizer = ChatCompletionsSummarizer.create(options.backend(), llmModel(),
                options.backendApiKey == null ? "" : options.backendApiKey, Duration.ofSeconds(llmTimeoutSeconds))) {
            return MapGenerator.generate(request, Optional.<ModuleSummarizer>of(summarizer), name -> {
                err.println("summarising " + name);
                err.flush();
            });
        }
    }

    private int report(MapGenerator.Result result, PrintWriter out, PrintWriter err) throws IOException {
        String size = result.tokens() + " of " + budget + " tokens"
                + (result.omissions().isEmpty() ? "" : "; omitted " + result.omissions());
        if (print) {
            out.println(result.section());
        } else if (check) {
            if (!result.upToDate()) {
                err.println(result.output() + " is out of date: run `localbridge map` (" + size + ")");
                err.flush();
                return OUT_OF_DATE;
            }
            out.println(result.output() + " is up to date (" + size + ")");
        } else if (result.upToDate()) {
            out.println(result.output() + " is already up to date (" + size + ")");
        } else {
            result.write();
            out.println("Wrote the map to " + result.output() + " (" + size + ")");
        }
        out.flush();
        return 0;
    }

    private String llmModel() {
        if (model != null && !model.isBlank()) {
            return model;
        }
        String mapped = options.modelMap == null ? null : options.modelMap.get("default");
        return mapped != null && !mapped.isBlank() ? mapped : "local";
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
