package dev.localbridge.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the shared fixtures: the {@code localbridge.shared} system property (set by surefire), else {@code ../shared}. */
final class Fixtures {
    static final String CLAUDE_CODE = "claude-code-2.1.328";

    private Fixtures() {
    }

    static Path shared() {
        String configured = System.getProperty("localbridge.shared");
        return configured == null || configured.isBlank() ? Path.of("../shared") : Path.of(configured);
    }

    static Path claudeCodeDirectory() {
        return shared().resolve("fixtures").resolve(CLAUDE_CODE);
    }

    /** The captured Claude Code requests, sorted by file name. */
    static List<Path> claudeCodeRequests() {
        try (Stream<Path> files = Files.list(claudeCodeDirectory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + claudeCodeDirectory().toAbsolutePath(), e);
        }
    }
}
