package dev.localbridge.map;

import java.util.List;
import java.util.Set;

/**
 * What one source file says about the repository, kept instead of its text.
 *
 * @param declaredPackage the {@code package} a JVM file declares; empty if none
 * @param hints           entry points this file is (a main method, a server, a CLI), with the framework found
 */
record FileFacts(String path, Language language, boolean test, String declaredPackage, Set<Effect> effects,
        List<Hint> hints) {
    FileFacts {
        effects = Set.copyOf(effects);
        hints = List.copyOf(hints);
    }

    record Hint(EntryPoint.Kind kind, String detail) {
    }

    /** The JVM class this file defines (package and file name), or the path for other languages. */
    String entryName() {
        if (!language.jvm()) {
            return path;
        }
        String file = Tree.fileName(path);
        String simple = file.substring(0, file.lastIndexOf('.'));
        return declaredPackage.isEmpty() ? simple : declaredPackage + "." + simple;
    }
}
