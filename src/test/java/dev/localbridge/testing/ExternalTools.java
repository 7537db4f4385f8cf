package dev.localbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real components the end-to-end tests need (llama-server, the Claude Code CLI), installed by the project's
 * own scripts. Outside CI a component that cannot be installed skips its tests with a one-line reason;
 * under {@code CI=true} it fails them.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    public static Path projectRoot() {
        return Path.of("").toAbsolutePath();
    }

    public static Path shared() {
        return Path.of(System.getProperty("localbridge.shared", "../shared")).toAbsolutePath().normalize();
    }

    public static Path tinyModel() {
        Path model = shared().resolve("models/llama-2-tiny-random.gguf");
        require(Files.isRegularFile(model), "the tiny model is missing at " + model);
        return model;
    }

    /** {@code scripts/llama-server}, its chroot installed if needed. */
    public static Path llamaServer() {
        return ensure("llama-server");
    }

    /** The pinned Claude Code executable, installed by {@code scripts/claude-code} if needed. */
    public static Path claudeCode() {
        Path script = ensure("claude-code");
        try {
            Process process = new ProcessBuilder(script.toString(), "--print-path")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String path = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .strip();
            require(process.waitFor() == 0 && Files.isExecutable(Path.of(path)),
                    "scripts/claude-code --print-path gave no executable");
            return Path.of(path);
        } catch (IOException e) {
            require(false, "scripts/claude-code --print-path failed: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path ensure(String script) {
        Path path = projectRoot().resolve("scripts").resolve(script);
        require(Files.isExecutable(path), "scripts/" + script + " is missing");
        String failure = install(path);
        require(failure == null, "scripts/" + script + " could not install: " + failure);
        return path;
    }

    private static String install(Path script) {
        try {
            Process process = new ProcessBuilder(script.toString(), "--install-only")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return "timed out after 10 minutes";
            }
            return process.exitValue() == 0 ? null : "exit code " + process.exitValue();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (inCi()) {
            Assertions.fail(reason + " (CI=true: end-to-end tests must run)");
        }
        Assumptions.abort(reason);
    }
}
