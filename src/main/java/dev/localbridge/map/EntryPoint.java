package dev.localbridge.map;

import java.util.Comparator;

/**
 * A way into the program: a main class, a CLI, a server, an installed command or a script.
 *
 * @param name   a class name for JVM code, otherwise a path or command name
 * @param detail how it was found or what runs it (a framework, a build file); empty if nothing to add
 */
record EntryPoint(Kind kind, String name, String detail) {
    static final Comparator<EntryPoint> ORDER = Comparator.comparing(EntryPoint::kind)
            .thenComparing(EntryPoint::name).thenComparing(EntryPoint::detail);

    enum Kind {
        MAIN("main"),
        CLI("CLI"),
        SERVER("server"),
        COMMAND("installed command"),
        SCRIPT("script");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static EntryPoint of(Kind kind, String name, String detail) {
        return new EntryPoint(kind, name, detail);
    }
}
