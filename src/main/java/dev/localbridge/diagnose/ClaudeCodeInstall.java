package dev.localbridge.diagnose;

import dev.localbridge.stack.Executables;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Is Claude Code installed? {@code LOCALBRIDGE_CLAUDE} names it, else {@code claude} on the {@code PATH}, else the
 * pinned version that {@code scripts/claude-code} installs into {@code ~/.cache/localbridge} (what
 * {@code localbridge claude} uses). Nothing is installed here.
 */
public sealed interface ClaudeCodeInstall {
    String OVERRIDE = "LOCALBRIDGE_CLAUDE";

    record Installed(Path path, String version) implements ClaudeCodeInstall {
    }

    record Missing(String reason) implements ClaudeCodeInstall {
    }

    /** Found but {@code --version} failed. */
    record Broken(Path path, String reason) implements ClaudeCodeInstall {
    }

    static ClaudeCodeInstall find(Map<String, String> environment, Duration timeout) {
        String explicit = environment.get(OVERRIDE);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit.strip());
            return Files.isExecutable(path) ? version(path, environment, timeout)
                    : new Missing(OVERRIDE + "=" + explicit + " is not an executable file");
        }
        return Executables.onPath("claude", environment.get("PATH")).or(() -> pinnedInstall(environment))
                .map(path -> version(path, environment, timeout))
                .orElseGet(() -> new Missing("no claude on the PATH"));
    }

    /** The newest {@code claude-code-*} install in the cache that {@code scripts/claude-code} fills. */
    static java.util.Optional<Path> pinnedInstall(Map<String, String> environment) {
        String cache = environment.get("LOCALBRIDGE_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "localbridge");
        try (var installs = Files.list(root)) {
            return installs.filter(dir -> dir.getFileName().toString().startsWith("claude-code-"))
                    .map(dir -> dir.resolve("node_modules/.bin/claude"))
                    .filter(Files::isExecutable)
                    .max(java.util.Comparator.naturalOrder());
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static ClaudeCodeInstall version(Path path, Map<String, String> environment, Duration timeout) {
        try {
            Path output = Files.createTempFile("localbridge-claude-version", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().clear();
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new Broken(path, "claude --version did not finish within " + timeout.toSeconds() + " s");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8).strip();
                Matcher version = Pattern.compile("\\d+\\.\\d+\\.\\d+").matcher(text);
                if (process.exitValue() != 0 || !version.find()) {
                    return new Broken(path, "claude --version exited " + process.exitValue() + ": " + text);
                }
                return new Installed(path, version.group());
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Broken(path, "claude --version could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Broken(path, "interrupted");
        }
    }

    static Check check(ClaudeCodeInstall install) {
        String command = "npm install -g @anthropic-ai/claude-code (or set " + OVERRIDE + " to its path)";
        Outcome outcome = switch (install) {
            case Installed installed -> new Outcome.Pass("Claude Code " + installed.version() + " ("
                    + installed.path() + ")");
            case Missing missing -> new Outcome.Fail("Claude Code is not installed (" + missing.reason() + ")",
                    command);
            case Broken broken -> new Outcome.Fail(broken.reason(), "reinstall it: " + command);
        };
        return new Check("claude code", outcome);
    }
}
