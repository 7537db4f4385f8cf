package dev.localbridge.map;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files the map lists by kind rather than reads as code: scripts, config, CI, containers. */
final class RepoFiles {
    private static final Set<String> SCRIPT_DIRS = Set.of("", "scripts", "bin");
    private static final Set<String> BUILD_WRAPPERS = Set.of("mvnw", "gradlew");
    private static final Pattern TEST_SCRIPT = Pattern.compile("(?i)(?:^|[-_.])tests?(?:[-_.]|$)");
    private static final Set<String> CI_FILES = Set.of(".gitlab-ci.yml", "Jenkinsfile", ".travis.yml",
            "azure-pipelines.yml", "bitbucket-pipelines.yml");
    private static final List<String> CI_DIRS = List.of(".github/workflows/", ".ci/", ".circleci/", ".buildkite/");
    private static final Set<String> CONFIG_EXTENSIONS = Set.of("properties", "yaml", "yml", "toml", "ini");
    private static final Set<String> BUILD_CONFIG = Set.of("pyproject.toml", "Cargo.toml", "pnpm-lock.yaml");
    private static final Pattern COMPOSE = Pattern.compile("(?:docker-)?compose(?:\\.[\\w-]+)?\\.ya?ml");
    private static final Pattern DOCKERFILE = Pattern.compile(
            "(?:Dockerfile|Containerfile)(?:\\.[\\w-]+)?|[\\w.-]+\\.Dockerfile");
    private static final Pattern EXPOSE = Pattern.compile("(?mi)^\\s*EXPOSE\\s+(.+?)\\s*$");
    private static final Pattern SERVICE = Pattern.compile("^ {2}([\\w.-]+):\\s*(?:#.*)?$");

    private RepoFiles() {
    }

    /** Executable-looking scripts at the root, in {@code scripts/} and in {@code bin/}: a shebang or a .sh name. */
    static List<String> scripts(Tree tree) {
        List<String> scripts = new ArrayList<>();
        for (String dir : new TreeSet<>(SCRIPT_DIRS)) {
            for (String file : tree.filesIn(dir)) {
                String name = Tree.fileName(file);
                if (!BUILD_WRAPPERS.contains(name) && (name.endsWith(".sh") || tree.hasShebang(file))) {
                    scripts.add(file);
                }
            }
        }
        return scripts.stream().sorted().toList();
    }

    static boolean isTestScript(String path) {
        return TEST_SCRIPT.matcher(Tree.fileName(path)).find();
    }

    /** A script's language from its extension or its shebang's interpreter. */
    static Optional<Language> scriptLanguage(Tree tree, String path) {
        Optional<Language> byName = Language.of(Tree.fileName(path));
        if (byName.isPresent()) {
            return byName;
        }
        String interpreter = interpreter(tree.read(path).orElse("").lines().findFirst().orElse(""));
        if (interpreter.startsWith("python")) {
            return Optional.of(Language.PYTHON);
        }
        if (interpreter.equals("node") || interpreter.equals("bun") || interpreter.equals("deno")) {
            return Optional.of(Language.JAVASCRIPT);
        }
        return interpreter.matches("(?:ba|z|k|da)?sh") ? Optional.of(Language.SHELL) : Optional.empty();
    }

    /** The program a {@code #!} line runs: {@code bash} for {@code #!/bin/bash} and {@code #!/usr/bin/env bash}. */
    static String interpreter(String firstLine) {
        if (!firstLine.startsWith("#!")) {
            return "";
        }
        List<String> words = List.of(firstLine.substring(2).strip().split("\\s+"));
        String program = Tree.fileName(words.getFirst());
        if (program.equals("env")) {
            program = words.stream().skip(1).filter(w -> !w.startsWith("-")).findFirst().orElse("");
        }
        return program;
    }

    /** The first comment line of a script that says something (not a shebang, lint directive or blank), cut short. */
    static String description(Tree tree, String path) {
        for (String line : tree.read(path).orElse("").lines().limit(12).toList()) {
            String text = line.strip();
            if (text.startsWith("#!") || text.isEmpty()) {
                continue;
            }
            if (!text.startsWith("#") && !text.startsWith("//")) {
                return "";
            }
            String comment = text.replaceFirst("^(?:#+|//+)\\s*", "");
            if (comment.length() > 3 && !comment.matches("(?i)(?:shellcheck|-\\*-|eslint|noqa|type:).*")
                    && !comment.matches("[-=#*\\s]+")) {
                return shorten(comment, 80);
            }
        }
        return "";
    }

    static List<String> ciFiles(Tree tree) {
        return tree.files().stream().filter(RepoFiles::isCi).toList();
    }

    static List<String> configFiles(Tree tree) {
        return tree.files().stream().filter(RepoFiles::isConfig).toList();
    }

    /** Dockerfiles with their exposed ports, compose files with their services. */
    static List<String> containers(Tree tree) {
        List<String> containers = new ArrayList<>();
        for (String file : tree.files()) {
            String name = Tree.fileName(file);
            if (DOCKERFILE.matcher(name).matches()) {
                Matcher expose = EXPOSE.matcher(tree.read(file).orElse(""));
                TreeSet<String> ports = new TreeSet<>();
                while (expose.find()) {
                    ports.add(expose.group(1));
                }
                containers.add(described(file, "EXPOSE ", List.copyOf(ports)));
            } else if (COMPOSE.matcher(name).matches()) {
                List<String> services = composeServices(tree.read(file).orElse(""));
                containers.add(described(file, "services: ", services));
            }
        }
        return containers;
    }

    static List<RepoMap.LanguageCount> count(Collection<Language> languages) {
        Map<Language, Integer> counts = new EnumMap<>(Language.class);
        languages.forEach(language -> counts.merge(language, 1, Integer::sum));
        return counts.entrySet().stream().map(e -> new RepoMap.LanguageCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(RepoMap.LanguageCount::files).reversed()
                        .thenComparing(RepoMap.LanguageCount::language))
                .toList();
    }

    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1).stripTrailing() + "…";
    }

    private static String described(String file, String label, List<String> items) {
        return "`" + file + "`" + (items.isEmpty() ? "" : " (" + label + String.join(", ", items) + ")");
    }

    private static List<String> composeServices(String compose) {
        List<String> services = new ArrayList<>();
        boolean inServices = false;
        for (String line : compose.lines().toList()) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                inServices = line.startsWith("services:");
            } else if (inServices) {
                Matcher service = SERVICE.matcher(line);
                if (service.matches()) {
                    services.add(service.group(1));
                }
            }
        }
        return services.stream().sorted().toList();
    }

    private static boolean isCi(String path) {
        return CI_FILES.contains(path) || CI_DIRS.stream().anyMatch(path::startsWith);
    }

    private static boolean isConfig(String path) {
        String name = Tree.fileName(path);
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        boolean looksLikeConfig = CONFIG_EXTENSIONS.contains(extension) || lower.startsWith("application.")
                || lower.matches("\\.env\\.(?:example|sample|template|dist)");
        return looksLikeConfig && !isCi(path) && !(path.startsWith(".") && path.contains("/"))
                && !BUILD_CONFIG.contains(name)
                && !lower.contains("lock") && !COMPOSE.matcher(name).matches() && !SourceScanner.isTest(path);
    }
}
