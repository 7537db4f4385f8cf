package dev.localbridge.diagnose;

import dev.localbridge.install.ClaudeCode;
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
 * Is Claude Code installed, and does it run? Found where {@code localbridge claude} finds it ({@link ClaudeCode});
 * nothing is installed here.
 */
public sealed interface ClaudeCodeInstall {
    record Installed(Path path, String version) implements ClaudeCodeInstall {
    }

    record Missing(String reason) implements ClaudeCodeInstall {
    }

    /** Found but {@code --version} failed. */
    record Broken(Path path, String reason) implements ClaudeCodeInstall {
    }

    static ClaudeCodeInstall find(Map<String, String> environment, Duration timeout) {
        return switch (ClaudeCode.find(null, environment)) {
            case ClaudeCode.Located.Found found -> version(found.path(), environment, timeout);
            case ClaudeCode.Located.Missing missing -> new Missing(missing.reason());
            case ClaudeCode.Located.Invalid invalid -> new Missing(invalid.reason());
        };
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
        String command = "npm install -g @anthropic-ai/claude-code (or set " + ClaudeCode.OVERRIDE + " to its path)";
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
