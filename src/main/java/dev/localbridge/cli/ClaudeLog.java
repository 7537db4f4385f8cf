package dev.localbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * While Claude Code owns the terminal, this process's log lines (the bridge's, llama-server restarts) go to a file,
 * so they do not scribble over Claude Code's screen; closing puts the terminal handlers back.
 */
final class ClaudeLog implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final List<Handler> terminal;
    private final FileHandler file;

    private ClaudeLog(List<Handler> terminal, FileHandler file) {
        this.terminal = terminal;
        this.file = file;
    }

    /** Sends log records to {@code path} (appended), in the same format as on the terminal. */
    static ClaudeLog redirectTo(Path path) throws IOException {
        Logger root = Logger.getLogger("");
        List<Handler> terminal = List.of(root.getHandlers());
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileHandler file = new FileHandler(path.toString(), true);
        file.setFormatter(terminal.isEmpty() || terminal.getFirst().getFormatter() == null ? new SimpleFormatter()
                : terminal.getFirst().getFormatter());
        terminal.forEach(root::removeHandler);
        root.addHandler(file);
        return new ClaudeLog(terminal, file);
    }

    /** {@code $LOCALBRIDGE_CACHE/bridge.log}, else {@code ~/.cache/localbridge/bridge.log}. */
    static Path defaultPath(java.util.Map<String, String> environment) {
        String cache = environment.get("LOCALBRIDGE_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "localbridge");
        return root.resolve("bridge.log");
    }

    @Override
    public void close() {
        root.removeHandler(file);
        file.close();
        terminal.forEach(root::addHandler);
    }
}
