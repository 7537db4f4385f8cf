package dev.localbridge.map;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A source language, recognised by file extension. The order is the order the map lists them in on ties. */
enum Language {
    JAVA("Java", "java"),
    KOTLIN("Kotlin", "kt"),
    PYTHON("Python", "py"),
    TYPESCRIPT("TypeScript", "ts", "tsx", "mts", "cts"),
    JAVASCRIPT("JavaScript", "js", "jsx", "mjs", "cjs"),
    GO("Go", "go"),
    RUST("Rust", "rs"),
    SHELL("Shell", "sh", "bash"),
    RUBY("Ruby", "rb"),
    C("C", "c", "h"),
    CPP("C++", "cc", "cpp", "cxx", "hpp", "hh"),
    CSHARP("C#", "cs"),
    SCALA("Scala", "scala"),
    SWIFT("Swift", "swift"),
    PHP("PHP", "php");

    private final String label;
    private final Set<String> extensions;

    Language(String label, String... extensions) {
        this.label = label;
        this.extensions = Set.of(extensions);
    }

    String label() {
        return label;
    }

    static Optional<Language> of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.extensions.contains(extension)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** Whether the map scans this language's sources for modules, entry points and side effects. */
    boolean scanned() {
        return this != SHELL && ordinal() <= SHELL.ordinal();
    }

    boolean jvm() {
        return this == JAVA || this == KOTLIN;
    }

    boolean node() {
        return this == TYPESCRIPT || this == JAVASCRIPT;
    }
}
