package dev.localbridge.map;

import java.util.ArrayList;
import java.util.List;

/**
 * What one build system's files say: its commands, entry points, named targets and a few details (modules,
 * workspaces) worth a mention.
 *
 * @param system      the build system's name, such as {@code Maven}
 * @param file        the build file, relative to the repository root
 * @param projectName the project's own name, if the build file gives one; else empty
 */
record BuildFacts(String system, String file, String projectName, List<String> details, List<BuildCommand> commands,
        List<EntryPoint> entryPoints, List<TargetList> targets) {
    BuildFacts {
        details = List.copyOf(details);
        commands = List.copyOf(commands);
        entryPoints = List.copyOf(entryPoints);
        targets = List.copyOf(targets);
    }

    static Builder builder(String system, String file) {
        return new Builder(system, file);
    }

    /** Collects the facts as a detector reads them. */
    static final class Builder {
        private final String system;
        private final String file;
        private String projectName = "";
        private final List<String> details = new ArrayList<>();
        private final List<BuildCommand> commands = new ArrayList<>();
        private final List<EntryPoint> entryPoints = new ArrayList<>();
        private final List<TargetList> targets = new ArrayList<>();

        private Builder(String system, String file) {
            this.system = system;
            this.file = file;
        }

        Builder projectName(String name) {
            this.projectName = name;
            return this;
        }

        Builder detail(String detail) {
            details.add(detail);
            return this;
        }

        /** A command run from {@code dir}, the directory of the build file. */
        Builder command(String purpose, String line, String dir) {
            commands.add(BuildCommand.of(purpose, line, dir.isEmpty() ? system : system + " (" + dir + ")").in(dir));
            return this;
        }

        Builder entryPoint(EntryPoint.Kind kind, String name, String detail) {
            entryPoints.add(EntryPoint.of(kind, name, detail));
            return this;
        }

        Builder targets(String label, List<String> names) {
            if (!names.isEmpty()) {
                targets.add(new TargetList(label, names));
            }
            return this;
        }

        BuildFacts build() {
            return new BuildFacts(system, file, projectName, details, commands, entryPoints, targets);
        }
    }
}
