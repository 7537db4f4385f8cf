package dev.localbridge.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one place that says where Claude Code is, for {@code doctor} and {@code claude} alike: {@code --claude}, else
 * {@code LOCALBRIDGE_CLAUDE}, else {@code claude} on the {@code PATH}, else the pinned version that
 * {@code scripts/claude-code} installs into {@code ~/.cache/localbridge} ({@code LOCALBRIDGE_CACHE}). Finding
 * installs nothing; {@link #installPinned()} does, for {@code claude} only.
 */
public final class ClaudeCode {
    public static final String OVERRIDE = "LOCALBRIDGE_CLAUDE";

    private ClaudeCode() {
    }

    public sealed interface Located {
        /** {@code source} says where it was found ({@code --claude}, {@code claude on PATH}, …). */
        record Found(Path path, String source) implements Located {
        }

        /** Not found; {@code reason} names where it was looked for. */
        record Missing(String reason) implements Located {
        }

        /** {@code --claude} or {@code LOCALBRIDGE_CLAUDE} names something that cannot run. */
        record Invalid(String reason) implements Located {
        }
    }

    /** @param explicit the {@code --claude} option, or null */
    public static Located find(String explicit, Map<String, String> environment) {
        List<String> looked = new ArrayList<>();
        for (var setting : List.of(Map.entry("--claude", Optional.ofNullable(explicit)),
                Map.entry(OVERRIDE, Optional.ofNullable(environment.get(OVERRIDE))))) {
            String value = setting.getValue().map(String::strip).orElse("");
            if (!value.isEmpty()) {
                Path path = Path.of(value);
                return Programs.runnable(path) ? new Located.Found(path, setting.getKey())
                        : new Located.Invalid(setting.getKey() + " names " + value + ", which is not an executable"
                        + " file");
            }
        }
        looked.add("claude on PATH");
        Optional<Path> onPath = Programs.onPath("claude", environment.get("PATH"));
        if (onPath.isPresent()) {
            return new Located.Found(onPath.get(), "claude on PATH");
        }
        Path cache = cache(environment);
        looked.add("the pinned install in " + cache);
        return pinnedInstall(cache).<Located>map(path -> new Located.Found(path, "the pinned install"))
                .orElseGet(() -> new Located.Missing("looked at " + String.join(", ", looked)));
    }

    /** {@code LOCALBRIDGE_CACHE}, else {@code ~/.cache/localbridge}: where {@code scripts/claude-code} installs. */
    static Path cache(Map<String, String> environment) {
        String cache = environment.get("LOCALBRIDGE_CACHE");
        return cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "localbridge");
    }

    /** The newest {@code claude-code-*} install in the cache. */
    static Optional<Path> pinnedInstall(Path cache) {
        try (Stream<Path> installs = Files.list(cache)) {
            return installs.filter(dir -> dir.getFileName().toString().startsWith("claude-code-"))
                    .map(dir -> dir.resolve("node_modules/.bin/claude"))
                    .filter(Files::isExecutable)
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Installs the pinned version with this checkout's {@code scripts/claude-code --print-path} (quick when it is
     * installed already) and returns the executable it names; empty without a checkout or when the install fails.
     */
    public static Optional<Path> installPinned() {
        return Programs.checkoutScript("claude-code").flatMap(ClaudeCode::printedPath);
    }

    private static Optional<Path> printedPath(Path script) {
        try {
            Process process = new ProcessBuilder(script.toString(), "--print-path")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Path path = Path.of(printed);
            return process.exitValue() == 0 && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
