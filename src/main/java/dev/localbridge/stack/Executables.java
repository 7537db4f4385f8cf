package dev.localbridge.stack;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the programs the stack runs: an explicit path first, then {@code PATH}, then the launcher scripts of
 * the checkout this program runs from ({@code scripts/llama-server}, {@code scripts/claude-code}).
 */
public final class Executables {
    private Executables() {
    }

    /**
     * llama-server: {@code explicit} (the {@code --llama-server} option), else {@code LOCALBRIDGE_LLAMA_SERVER}, else
     * {@code llama-server} on {@code PATH}, else the checkout's {@code scripts/llama-server}.
     */
    public static Path llamaServer(String explicit, Map<String, String> environment) {
        List<String> looked = new ArrayList<>();
        Optional<Path> found = explicit(explicit, "--llama-server", looked)
                .or(() -> explicit(environment.get("LOCALBRIDGE_LLAMA_SERVER"), "LOCALBRIDGE_LLAMA_SERVER", looked))
                .or(() -> onPath("llama-server", environment.get("PATH"), looked))
                .or(() -> inCheckout("llama-server", looked));
        return found.orElseThrow(() -> new StackException("cannot find llama-server (looked at "
                + String.join(", ", looked) + "); install llama.cpp or pass --llama-server PATH"));
    }

    /**
     * Claude Code: {@code explicit} (the {@code --claude} option), else {@code LOCALBRIDGE_CLAUDE}, else {@code claude}
     * on {@code PATH}, else what the checkout's {@code scripts/claude-code --print-path} installs.
     */
    public static Path claude(String explicit, Map<String, String> environment) {
        List<String> looked = new ArrayList<>();
        Optional<Path> found = explicit(explicit, "--claude", looked)
                .or(() -> explicit(environment.get("LOCALBRIDGE_CLAUDE"), "LOCALBRIDGE_CLAUDE", looked))
                .or(() -> onPath("claude", environment.get("PATH"), looked))
                .or(() -> inCheckout("claude-code", looked).flatMap(Executables::printedPath));
        return found.orElseThrow(() -> new StackException("cannot find Claude Code (looked at "
                + String.join(", ", looked) + "); install it (npm install -g @anthropic-ai/claude-code) or pass"
                + " --claude PATH"));
    }

    /** The first executable file called {@code name} in the directories of {@code path} (a {@code PATH} value). */
    public static Optional<Path> onPath(String name, String path) {
        return onPath(name, path, new ArrayList<>());
    }

    /** The checkout this program runs from ({@code target/classes} or {@code target/*.jar} inside it), if any. */
    public static Optional<Path> checkout() {
        try {
            Path code = Path.of(Executables.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("scripts"))) {
                    return Optional.of(dir);
                }
            }
            return Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> explicit(String value, String source, List<String> looked) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Files.isExecutable(path) || Files.isDirectory(path)) {
            throw new StackException(source + " names " + value + ", which is not an executable file");
        }
        looked.add(source);
        return Optional.of(path);
    }

    private static Optional<Path> onPath(String name, String path, List<String> looked) {
        looked.add(name + " on PATH");
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> inCheckout(String script, List<String> looked) {
        looked.add("scripts/" + script + " of this checkout");
        return checkout().map(root -> root.resolve("scripts").resolve(script)).filter(Files::isExecutable);
    }

    /** Runs {@code script --print-path} (which installs on first use) and returns the executable it names. */
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
