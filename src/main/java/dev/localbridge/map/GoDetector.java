package dev.localbridge.map;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go: {@code go.mod}. Commands ({@code package main}) come from the sources themselves. */
final class GoDetector implements BuildDetector {
    private static final Pattern MODULE = Pattern.compile("(?m)^module\\s+(\\S+)");

    @Override
    public Optional<BuildFacts> detect(Tree tree, String dir) {
        String file = Tree.join(dir, "go.mod");
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher module = MODULE.matcher(text.get());
        String path = module.find() ? module.group(1) : "";
        BuildFacts.Builder facts = BuildFacts.builder("Go", file)
                .projectName(path.substring(path.lastIndexOf('/') + 1))
                .command("build", "go build ./...", dir)
                .command("test", "go test ./...", dir);
        if (!path.isEmpty()) {
            facts.detail("module " + path);
        }
        return Optional.of(facts.build());
    }
}
