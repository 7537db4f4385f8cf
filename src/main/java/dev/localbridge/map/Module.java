package dev.localbridge.map;

import java.util.Comparator;
import java.util.List;

/**
 * A unit of code the map lists: a Java or Kotlin package, a Python package, a Go package, or a source folder of
 * a Node or Rust project. Only production code makes a module; tests are counted apart.
 *
 * @param sourceRoot the folder the package name is relative to ({@code src/main/java}); empty where the name is
 *                   the folder itself
 * @param paths      the module's source files, sorted
 * @param summary    what a model said the module does ({@code --llm}); empty if not asked
 */
record Module(String name, Language language, String sourceRoot, List<String> paths, String summary) {
    static final Comparator<Module> ORDER = Comparator.comparing(Module::language).thenComparing(Module::name);

    Module {
        paths = List.copyOf(paths);
    }

    /** Unique among the map's modules (names alone may repeat across languages). */
    String key() {
        return language.label() + " " + name;
    }

    int files() {
        return paths.size();
    }

    Module withSummary(String text) {
        return new Module(name, language, sourceRoot, paths, text);
    }
}
