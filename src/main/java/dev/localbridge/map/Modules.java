package dev.localbridge.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Groups source files into modules and says which module (or, failing one, which file) owns each side effect:
 * JVM files by their declared package, Python files by their nearest package ({@code __init__.py}), Go files by
 * directory, Node and Rust files by the folder under {@code src} or {@code lib} (else their own folder).
 */
final class Modules {
    private final Set<String> pythonPackages;

    private Modules(Set<String> pythonPackages) {
        this.pythonPackages = pythonPackages;
    }

    /** Where a file's module is: its name and the folder that name is relative to. */
    record Place(String name, String sourceRoot) {
    }

    static Modules of(Tree tree) {
        Set<String> packages = tree.files().stream().filter(f -> Tree.fileName(f).equals("__init__.py"))
                .map(Tree::parent).filter(dir -> !dir.isEmpty()).collect(Collectors.toSet());
        return new Modules(packages);
    }

    /** The modules of the production code, in {@link Module#ORDER}. */
    List<Module> group(List<FileFacts> facts) {
        Map<String, Place> places = new TreeMap<>();
        Map<String, List<FileFacts>> files = new TreeMap<>();
        for (FileFacts file : facts) {
            if (!file.test()) {
                place(file).ifPresent(place -> {
                    String key = file.language().label() + " " + place.name();
                    places.putIfAbsent(key, place);
                    files.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
                });
            }
        }
        return files.entrySet().stream().map(e -> module(places.get(e.getKey()), e.getValue()))
                .sorted(Module.ORDER).toList();
    }

    private static Module module(Place place, List<FileFacts> files) {
        List<String> paths = files.stream().map(FileFacts::path).sorted().toList();
        return new Module(place.name(), files.getFirst().language(), place.sourceRoot(), paths, "");
    }

    /** For each kind of side effect, the modules (or loose files) that have it, production code and tests apart. */
    List<RepoMap.SideEffect> sideEffects(List<FileFacts> facts) {
        Map<Effect, TreeSet<String>> code = new EnumMap<>(Effect.class);
        Map<Effect, TreeSet<String>> tests = new EnumMap<>(Effect.class);
        for (FileFacts file : facts) {
            String owner = place(file).map(Place::name).orElse(file.path());
            for (Effect effect : file.effects()) {
                (file.test() ? tests : code).computeIfAbsent(effect, e -> new TreeSet<>()).add(owner);
            }
        }
        List<RepoMap.SideEffect> effects = new ArrayList<>();
        for (Effect effect : Effect.values()) {
            List<String> inCode = List.copyOf(code.getOrDefault(effect, new TreeSet<>()));
            List<String> inTests = List.copyOf(tests.getOrDefault(effect, new TreeSet<>()));
            if (!inCode.isEmpty() || !inTests.isEmpty()) {
                effects.add(new RepoMap.SideEffect(effect, inCode, inTests));
            }
        }
        return effects;
    }

    /** The Python package a directory is ({@code pkg.sub}), if it has an {@code __init__.py}. */
    Optional<String> pythonPackage(String dir) {
        return pythonPlace(dir).map(Place::name);
    }

    Optional<Place> place(FileFacts file) {
        String dir = Tree.parent(file.path());
        return switch (file.language()) {
            case JAVA, KOTLIN -> Optional.of(jvmPlace(file, dir));
            case PYTHON -> pythonPlace(dir);
            case GO -> Optional.of(new Place(dir.isEmpty() ? "." : dir, ""));
            case JAVASCRIPT, TYPESCRIPT, RUST -> folderPlace(file.path());
            case SHELL, RUBY, C, CPP, CSHARP, SCALA, SWIFT, PHP -> Optional.empty();
        };
    }

    private static Place jvmPlace(FileFacts file, String dir) {
        String pkg = file.declaredPackage();
        if (pkg.isEmpty()) {
            return new Place(dir.isEmpty() ? "(default package)" : dir, "");
        }
        String pkgPath = pkg.replace('.', '/');
        String root = dir.equals(pkgPath) ? "" : dir.endsWith("/" + pkgPath)
                ? dir.substring(0, dir.length() - pkgPath.length() - 1) : dir;
        return new Place(pkg, root);
    }

    private Optional<Place> pythonPlace(String dir) {
        if (!pythonPackages.contains(dir)) {
            return Optional.empty();
        }
        String top = dir;
        while (pythonPackages.contains(Tree.parent(top))) {
            top = Tree.parent(top);
        }
        String root = Tree.parent(top);
        String name = (root.isEmpty() ? dir : dir.substring(root.length() + 1)).replace('/', '.');
        return Optional.of(new Place(name, root));
    }

    /** The folder under the first {@code src} or {@code lib} segment, that segment itself, or the file's folder. */
    private static Optional<Place> folderPlace(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals("src") || segments[i].equals("lib")) {
                int end = Math.min(i + 2, segments.length - 1);
                return Optional.of(new Place(String.join("/", Arrays.copyOf(segments, end)), ""));
            }
        }
        String dir = Tree.parent(path);
        return dir.isEmpty() ? Optional.empty() : Optional.of(new Place(dir, ""));
    }
}
