package dev.localbridge.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gradle: {@code build.gradle(.kts)}, subprojects from {@code settings.gradle(.kts)}, the application main class. */
final class GradleDetector implements BuildDetector {
    private static final Pattern MAIN_CLASS = Pattern.compile(
            "mainClass(?:Name)?\\s*(?:=|\\.set\\()\\s*[\"']([\\w.$]+)[\"']");
    private static final Pattern APPLICATION = Pattern.compile("(?m)^\\s*(?:id\\s*\\(?\\s*[\"']application[\"']"
            + "|application\\s*$|apply\\s+plugin:\\s*[\"']application[\"'])");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*include\\b(.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");
    private static final Pattern ROOT_NAME = Pattern.compile("rootProject\\.name\\s*=\\s*[\"']([^\"']+)[\"']");

    @Override
    public Optional<BuildFacts> detect(Tree tree, String dir) {
        Optional<String> file = firstPresent(tree, dir, "build.gradle.kts", "build.gradle");
        Optional<String> settingsFile = firstPresent(tree, dir, "settings.gradle.kts", "settings.gradle");
        if (file.isEmpty() && settingsFile.isEmpty()) {
            return Optional.empty();
        }
        String gradle = tree.has(Tree.join(dir, "gradlew")) ? "./gradlew" : "gradle";
        String build = file.flatMap(tree::read).orElse("");
        String settings = settingsFile.flatMap(tree::read).orElse("");
        BuildFacts.Builder facts = BuildFacts.builder("Gradle", file.orElseGet(settingsFile::get))
                .command("build", gradle + " build", dir)
                .command("test", gradle + " test", dir);
        Matcher name = ROOT_NAME.matcher(settings);
        facts.projectName(name.find() ? name.group(1) : "");
        List<String> subprojects = subprojects(settings);
        if (!subprojects.isEmpty()) {
            facts.detail("subprojects: " + String.join(", ", subprojects));
        }
        Matcher main = MAIN_CLASS.matcher(build);
        TreeSet<String> mainClasses = new TreeSet<>();
        while (main.find()) {
            mainClasses.add(main.group(1));
        }
        mainClasses.forEach(cls -> facts.entryPoint(EntryPoint.Kind.MAIN, cls, Tree.fileName(file.orElseThrow())));
        if (APPLICATION.matcher(build).find()) {
            facts.command("run", gradle + " run", dir);
        }
        return Optional.of(facts.build());
    }

    private static List<String> subprojects(String settings) {
        List<String> names = new ArrayList<>();
        Matcher include = INCLUDE.matcher(settings);
        while (include.find()) {
            Matcher quoted = QUOTED.matcher(include.group(1));
            while (quoted.find()) {
                String name = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
                names.add(name.replaceFirst("^:", "").replace(':', '/'));
            }
        }
        return names.stream().sorted().distinct().toList();
    }

    private static Optional<String> firstPresent(Tree tree, String dir, String... names) {
        for (String name : names) {
            if (tree.has(Tree.join(dir, name))) {
                return Optional.of(Tree.join(dir, name));
            }
        }
        return Optional.empty();
    }
}
