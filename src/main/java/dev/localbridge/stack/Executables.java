package dev.localbridge.stack;

import dev.localbridge.install.Programs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds llama-server: an explicit path first, then {@code PATH}, then the checkout's {@code scripts/llama-server}.
 * Claude Code is found by {@link dev.localbridge.install.ClaudeCode}.
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
                .or(() -> {
                    looked.add("llama-server on PATH");
                    return Programs.onPath("llama-server", environment.get("PATH"));
                })
                .or(() -> {
                    looked.add("scripts/llama-server of this checkout");
                    return Programs.checkoutScript("llama-server");
                });
        return found.orElseThrow(() -> new StackException("cannot find llama-server (looked at "
                + String.join(", ", looked) + "); install llama.cpp or pass --llama-server PATH"));
    }

    private static Optional<Path> explicit(String value, String source, List<String> looked) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Programs.runnable(path)) {
            throw new StackException(source + " names " + value + ", which is not an executable file");
        }
        looked.add(source);
        return Optional.of(path);
    }
}
