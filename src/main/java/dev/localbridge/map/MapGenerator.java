package dev.localbridge.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code localbridge map} without the command line: maps a directory, renders the section within the budget and
 * merges it into the output file's current content. Nothing is written until {@link Result#write()}.
 */
public final class MapGenerator {
    /** The most modules summarised with {@code --llm}: the largest, as those are the ones a tight budget keeps. */
    public static final int MAX_SUMMARIES = 48;
    public static final int DEFAULT_BUDGET = 2000;
    public static final int MIN_BUDGET = 100;
    public static final int DEFAULT_MAX_FILES = Tree.DEFAULT_MAX_FILES;

    private MapGenerator() {
    }

    /**
     * @param root     the repository to map
     * @param output   the Markdown file to update, usually {@code root/CLAUDE.md}
     * @param budget   the most tokens the generated section may take (about four characters each)
     * @param maxFiles the most files the scan looks at
     */
    public record Request(Path root, Path output, int budget, int maxFiles) {
        public Request {
            root = root.toAbsolutePath().normalize();
            output = output.toAbsolutePath().normalize();
            if (budget < MIN_BUDGET) {
                throw new IllegalArgumentException("the budget must be at least " + MIN_BUDGET + " tokens, not "
                        + budget);
            }
            if (maxFiles < 1) {
                throw new IllegalArgumentException("the file cap must be positive, not " + maxFiles);
            }
        }
    }

    /**
     * The outcome: the output file's bytes now ({@code current}, empty if there is none) and with the new section.
     *
     * @param omissions what was left out to fit the budget, in words; empty if nothing was
     */
    public record Result(Path output, byte[] current, byte[] updated, String section, int tokens, String omissions) {
        /** Whether the file is already exactly what this run would write. */
        public boolean upToDate() {
            return Files.exists(output) && Arrays.equals(current, updated);
        }

        public void write() throws IOException {
            Path parent = output.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(output, updated);
        }
    }

    /**
     * Maps {@code request.root()}; with a summarizer, each module (up to {@link #MAX_SUMMARIES}) gets a summary.
     *
     * @param progress told the name of each module before it is summarised
     * @throws IllegalStateException if the output file has a begin marker but no end marker
     */
    public static Result generate(Request request, Optional<ModuleSummarizer> summarizer, Consumer<String> progress)
            throws IOException {
        RepoMap map = RepoMapper.map(request.root(), request.maxFiles(), excluded(request));
        if (summarizer.isPresent()) {
            map = summarise(request.root(), map, summarizer.get(), progress);
        }
        MapRenderer.Rendered rendered = MapRenderer.render(map, request.budget());
        byte[] current = Files.exists(request.output()) ? Files.readAllBytes(request.output()) : new byte[0];
        byte[] updated = ClaudeMd.merge(current, rendered.text());
        return new Result(request.output(), current, updated, rendered.text(), rendered.tokens(), rendered.omissions());
    }

    private static RepoMap summarise(Path root, RepoMap map, ModuleSummarizer summarizer, Consumer<String> progress) {
        Map<String, String> summaries = new LinkedHashMap<>();
        map.modules().stream()
                .sorted(Comparator.comparingInt(Module::files).reversed().thenComparing(Module.ORDER))
                .limit(MAX_SUMMARIES)
                .sorted(Module.ORDER)
                .forEach(module -> {
                    progress.accept(module.name());
                    summaries.put(module.key(), ModuleSummarizer.tidy(
                            summarizer.summarize(ModuleDigest.of(root, module))));
                });
        return map.withSummaries(summaries);
    }

    /** The output file itself, when it lies inside the repository: the map never describes its own output. */
    private static Set<String> excluded(Request request) {
        if (!request.output().startsWith(request.root())) {
            return Set.of();
        }
        return Set.of(request.root().relativize(request.output()).toString().replace('\\', '/'));
    }
}
