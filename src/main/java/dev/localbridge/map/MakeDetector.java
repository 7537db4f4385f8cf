package dev.localbridge.map;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Make: the targets a Makefile defines, and {@code make test} / {@code make build} when they exist. */
final class MakeDetector implements BuildDetector {
    private static final List<String> FILES = List.of("GNUmakefile", "Makefile", "makefile");
    private static final Pattern TARGET = Pattern.compile(
            "(?m)^([A-Za-z0-9_][\\w./-]*(?:[ \\t]+[A-Za-z0-9_][\\w./-]*)*)[ \\t]*:(?![=:])");

    @Override
    public Optional<BuildFacts> detect(Tree tree, String dir) {
        Optional<String> file = FILES.stream().map(f -> Tree.join(dir, f)).filter(tree::has).findFirst();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        List<String> targets = targets(tree.read(file.get()).orElse(""));
        BuildFacts.Builder facts = BuildFacts.builder("Make", file.get());
        if (targets.contains("build")) {
            facts.command("build", "make build", dir);
        } else if (targets.contains("all")) {
            facts.command("build", "make", dir);
        }
        if (targets.contains("test")) {
            facts.command("test", "make test", dir);
        } else if (targets.contains("check")) {
            facts.command("test", "make check", dir);
        }
        facts.targets("make targets (" + file.get() + ")", targets);
        return Optional.of(facts.build());
    }

    static List<String> targets(String makefile) {
        TreeSet<String> targets = new TreeSet<>();
        Matcher matcher = TARGET.matcher(makefile);
        while (matcher.find()) {
            for (String target : matcher.group(1).split("[ \\t]+")) {
                if (!target.contains("%") && !target.contains(".") && !target.contains("/")) {
                    targets.add(target);
                }
            }
        }
        return List.copyOf(targets);
    }
}
