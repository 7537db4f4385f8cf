package dev.localbridge.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the {@link RepoMap} of a directory from its files alone: build files are parsed, sources are read for
 * packages, imports and a few identifiers, and nothing is ever run.
 */
final class RepoMapper {
    private RepoMapper() {
    }

    /**
     * Maps {@code root}, reading at most {@code maxFiles} files and leaving out {@code excluded} (paths relative to
     * the root, such as the map's own output file).
     */
    static RepoMap map(Path root, int maxFiles, Set<String> excluded) {
        Tree tree = Tree.walk(root, maxFiles, excluded);
        List<FileFacts> facts = scan(tree);
        Modules modules = Modules.of(tree);
        List<BuildFacts> builds = builds(tree);
        List<String> scripts = RepoFiles.scripts(tree);
        List<String> tests = facts.stream().filter(FileFacts::test).map(FileFacts::path).toList();
        Map<String, Language> languages = languages(tree, scripts);
        return new RepoMap(project(builds), buildSystems(builds), RepoFiles.count(languages.values()),
                commands(builds, scripts), builds.stream().flatMap(b -> b.targets().stream()).toList(),
                TopDirs.of(tree, builds, modules, tests, languages),
                entryPoints(tree, builds, facts, modules, scripts), modules.group(facts), tests(facts),
                modules.sideEffects(facts), RepoFiles.configFiles(tree), RepoFiles.ciFiles(tree),
                RepoFiles.containers(tree), notes(tree, maxFiles));
    }

    private static List<FileFacts> scan(Tree tree) {
        List<FileFacts> facts = new ArrayList<>();
        for (String path : tree.files()) {
            Optional<Language> language = Language.of(Tree.fileName(path)).filter(Language::scanned);
            if (language.isPresent()) {
                tree.read(path).ifPresent(text -> facts.add(SourceScanner.scan(path, language.get(), text)));
            }
        }
        return facts;
    }

    /** Build systems at the root, then those in top-level directories that the root does not already have. */
    private static List<BuildFacts> builds(Tree tree) {
        List<BuildFacts> builds = new ArrayList<>();
        Set<Class<?>> atRoot = new HashSet<>();
        for (BuildDetector detector : BuildDetector.all()) {
            detector.detect(tree, "").ifPresent(facts -> {
                builds.add(facts);
                atRoot.add(detector.getClass());
            });
        }
        for (String dir : tree.dirsIn("")) {
            if (dir.startsWith(".") || SourceScanner.isTest(dir + "/x")) {
                continue;
            }
            for (BuildDetector detector : BuildDetector.all()) {
                if (!atRoot.contains(detector.getClass())) {
                    detector.detect(tree, dir).ifPresent(builds::add);
                }
            }
        }
        return builds;
    }

    private static String project(List<BuildFacts> builds) {
        return builds.stream().map(BuildFacts::projectName).filter(name -> !name.isEmpty()).findFirst().orElse("");
    }

    private static List<String> buildSystems(List<BuildFacts> builds) {
        return builds.stream().map(b -> b.system() + " (" + String.join("; ",
                Stream.concat(Stream.of(b.file()), b.details().stream()).toList()) + ")").toList();
    }

    /** The language of each file that has one, by extension or, for scripts, by shebang. */
    private static Map<String, Language> languages(Tree tree, List<String> scripts) {
        Map<String, Language> languages = new TreeMap<>();
        for (String path : tree.files()) {
            Optional<Language> language = Language.of(Tree.fileName(path));
            if (language.isEmpty() && scripts.contains(path)) {
                language = RepoFiles.scriptLanguage(tree, path);
            }
            language.ifPresent(l -> languages.put(path, l));
        }
        return languages;
    }

    private static List<BuildCommand> commands(List<BuildFacts> builds, List<String> scripts) {
        Set<BuildCommand> commands = new LinkedHashSet<>();
        builds.forEach(b -> commands.addAll(b.commands()));
        scripts.stream().filter(RepoFiles::isTestScript)
                .forEach(script -> commands.add(BuildCommand.of("test", "./" + script, "script")));
        return commands.stream().sorted(BuildCommand.ORDER).toList();
    }

    private static List<EntryPoint> entryPoints(Tree tree, List<BuildFacts> builds, List<FileFacts> facts,
            Modules modules, List<String> scripts) {
        Map<EntryPoint, TreeSet<String>> details = new TreeMap<>(EntryPoint.ORDER);
        builds.forEach(b -> b.entryPoints().forEach(e -> add(details, e)));
        for (FileFacts file : facts) {
            for (FileFacts.Hint hint : file.hints()) {
                add(details, entryPoint(file, hint, modules));
            }
        }
        scripts.forEach(s -> add(details, EntryPoint.of(EntryPoint.Kind.SCRIPT, s, RepoFiles.description(tree, s))));
        return details.entrySet().stream().map(e -> EntryPoint.of(e.getKey().kind(), e.getKey().name(),
                e.getValue().stream().filter(d -> !d.isEmpty()).collect(Collectors.joining("; ")))).toList();
    }

    private static EntryPoint entryPoint(FileFacts file, FileFacts.Hint hint, Modules modules) {
        String dir = Tree.parent(file.path());
        if (file.language() == Language.GO && hint.kind() == EntryPoint.Kind.MAIN) {
            return EntryPoint.of(hint.kind(), dir.isEmpty() ? "." : "./" + dir, hint.detail());
        }
        if (Tree.fileName(file.path()).equals("__main__.py") && modules.pythonPackage(dir).isPresent()) {
            return EntryPoint.of(hint.kind(), "python -m " + modules.pythonPackage(dir).get(), file.path());
        }
        return EntryPoint.of(hint.kind(), file.entryName(), hint.detail());
    }

    /** Adds the entry point, merging its detail with any found for the same kind and name. */
    private static void add(Map<EntryPoint, TreeSet<String>> details, EntryPoint entry) {
        EntryPoint key = EntryPoint.of(entry.kind(), entry.name(), "");
        details.computeIfAbsent(key, k -> new TreeSet<>()).add(entry.detail());
    }

    private static List<RepoMap.TestRoot> tests(List<FileFacts> facts) {
        Map<String, List<Language>> roots = new TreeMap<>();
        facts.stream().filter(FileFacts::test).forEach(file -> roots
                .computeIfAbsent(SourceScanner.testRoot(file.path()), r -> new ArrayList<>()).add(file.language()));
        return roots.entrySet().stream()
                .map(e -> new RepoMap.TestRoot(e.getKey(), e.getValue().size(), RepoFiles.count(e.getValue())))
                .toList();
    }

    private static List<String> notes(Tree tree, int maxFiles) {
        List<String> notes = new ArrayList<>();
        if (tree.capped()) {
            notes.add("The scan stopped at " + maxFiles + " files (breadth-first, in name order); deeper files are"
                    + " not mapped.");
        }
        if (tree.largeFilesSkipped() > 0) {
            int large = tree.largeFilesSkipped();
            notes.add(large + (large == 1 ? " file over 1 MiB was" : " files over 1 MiB were") + " skipped.");
        }
        return notes;
    }
}
