package dev.localbridge.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The repository's top-level directories that hold mapped files, each with a role guessed from its name, build file
 * or contents.
 */
final class TopDirs {
    private static final Map<String, String> ROLES = roles();

    private TopDirs() {
    }

    /**
     * @param builds the build systems found, so a directory with its own build file reads as a project
     * @param tests  the test files, so a directory of mostly tests reads as tests whatever its name
     * @param languageOf each file's language, where it has one
     */
    static List<RepoMap.TopDir> of(Tree tree, List<BuildFacts> builds, Modules modules, List<String> tests,
            Map<String, Language> languageOf) {
        List<RepoMap.TopDir> dirs = new ArrayList<>();
        for (String dir : tree.dirsIn("")) {
            List<String> files = tree.files().stream().filter(f -> f.startsWith(dir + "/")).toList();
            if (files.isEmpty()) {
                continue;
            }
            List<Language> languages = files.stream().map(languageOf::get).filter(Objects::nonNull).toList();
            long testFiles = tests.stream().filter(f -> f.startsWith(dir + "/")).count();
            String role = role(dir, builds, modules, testFiles * 2 > languages.size() && testFiles > 0);
            dirs.add(new RepoMap.TopDir(dir, role, files.size(), RepoFiles.count(languages)));
        }
        return dirs;
    }

    private static String role(String dir, List<BuildFacts> builds, Modules modules, boolean mostlyTests) {
        Optional<BuildFacts> own = builds.stream().filter(b -> b.file().startsWith(dir + "/")).findFirst();
        if (own.isPresent()) {
            return own.get().system() + " project";
        }
        if (ROLES.containsKey(dir.toLowerCase(Locale.ROOT))) {
            return ROLES.get(dir.toLowerCase(Locale.ROOT));
        }
        if (modules.pythonPackage(dir).isPresent()) {
            return "Python package";
        }
        return mostlyTests ? "tests" : "";
    }

    private static Map<String, String> roles() {
        Map<String, String> roles = new TreeMap<>();
        put(roles, "source", "src", "lib", "app", "pkg", "internal", "source", "sources", "core");
        put(roles, "workspace packages", "packages", "crates", "modules", "apps", "libs", "services");
        put(roles, "commands (main packages)", "cmd");
        put(roles, "tests", "test", "tests", "spec", "specs", "__tests__", "e2e", "it", "integration-tests");
        put(roles, "scripts and tools", "scripts", "bin", "tools", "tool", "hack", "script");
        put(roles, "documentation", "docs", "doc", "documentation", "site");
        put(roles, "examples", "examples", "example", "samples", "sample", "demo", "demos");
        put(roles, "configuration", "config", "conf", "configs", "etc", "settings");
        put(roles, "deployment", "deploy", "deployment", "deployments", "k8s", "kubernetes", "helm", "charts",
                "infra", "terraform", "ops");
        put(roles, "CI", ".github", ".ci", ".circleci", ".buildkite", ".gitlab");
        put(roles, "static assets", "public", "static", "assets", "resources", "web", "www");
        put(roles, "database schema and migrations", "migrations", "db", "sql", "schema");
        put(roles, "benchmarks", "benchmarks", "bench", "benches");
        put(roles, "data and fixtures", "data", "fixtures", "testdata");
        put(roles, "API definitions", "proto", "protos", "openapi");
        return Map.copyOf(roles);
    }

    private static void put(Map<String, String> roles, String role, String... names) {
        for (String name : names) {
            roles.put(name, role);
        }
    }
}
