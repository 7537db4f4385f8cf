package dev.localbridge.map;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything the map says about a repository, each list already in its final, deterministic order.
 *
 * @param project      the project's name from its build file; empty if none gives one
 * @param buildSystems each build system with its file and details, such as {@code Maven (pom.xml)}
 * @param notes        caveats about the scan itself (a file cap reached, large files skipped)
 */
record RepoMap(String project, List<String> buildSystems, List<LanguageCount> languages, List<BuildCommand> commands,
        List<TargetList> targets, List<TopDir> topDirs, List<EntryPoint> entryPoints, List<Module> modules,
        List<TestRoot> tests, List<SideEffect> sideEffects, List<String> configFiles, List<String> ciFiles,
        List<String> containers, List<String> notes) {
    RepoMap {
        buildSystems = List.copyOf(buildSystems);
        languages = List.copyOf(languages);
        commands = List.copyOf(commands);
        targets = List.copyOf(targets);
        topDirs = List.copyOf(topDirs);
        entryPoints = List.copyOf(entryPoints);
        modules = List.copyOf(modules);
        tests = List.copyOf(tests);
        sideEffects = List.copyOf(sideEffects);
        configFiles = List.copyOf(configFiles);
        ciFiles = List.copyOf(ciFiles);
        containers = List.copyOf(containers);
        notes = List.copyOf(notes);
    }

    record LanguageCount(Language language, int files) {
    }

    /** A top-level directory: {@code role} is a short guess from its name and contents, empty if none fits. */
    record TopDir(String name, String role, int files, List<LanguageCount> languages) {
    }

    /** Test code under one root ({@code src/test}, {@code tests}); an empty root means tests beside the code. */
    record TestRoot(String root, int files, List<LanguageCount> languages) {
    }

    /** Where one kind of side effect happens: modules (or loose files) of production code, and of tests. */
    record SideEffect(Effect effect, List<String> code, List<String> tests) {
        SideEffect {
            code = List.copyOf(code);
            tests = List.copyOf(tests);
        }
    }

    /** The same map with each module's summary set from {@code summaries} (by {@link Module#key()}). */
    RepoMap withSummaries(Map<String, String> summaries) {
        return withModules(module -> module.withSummary(summaries.getOrDefault(module.key(), module.summary())));
    }

    private RepoMap withModules(UnaryOperator<Module> change) {
        return new RepoMap(project, buildSystems, languages, commands, targets, topDirs, entryPoints,
                modules.stream().map(change).toList(), tests, sideEffects, configFiles, ciFiles, containers, notes);
    }
}
