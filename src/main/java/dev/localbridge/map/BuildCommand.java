package dev.localbridge.map;

import java.util.Comparator;
import java.util.List;

/**
 * A command a person or model runs on the repository: {@code purpose} is one of {@link #PURPOSES}.
 *
 * @param source what the command comes from, such as {@code Maven} or {@code npm (web/package.json)}
 */
record BuildCommand(String purpose, String line, String source) {
    static final List<String> PURPOSES = List.of("install", "build", "test", "run");
    static final Comparator<BuildCommand> ORDER = Comparator
            .comparingInt((BuildCommand c) -> PURPOSES.indexOf(c.purpose()))
            .thenComparing(BuildCommand::source).thenComparing(BuildCommand::line);

    BuildCommand {
        if (!PURPOSES.contains(purpose)) {
            throw new IllegalArgumentException("unknown purpose " + purpose);
        }
    }

    static BuildCommand of(String purpose, String line, String source) {
        return new BuildCommand(purpose, line, source);
    }

    /** The same command run from a subdirectory of the repository. */
    BuildCommand in(String dir) {
        return dir.isEmpty() ? this : new BuildCommand(purpose, "cd " + dir + " && " + line, source);
    }
}
