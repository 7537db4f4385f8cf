package dev.localbridge.map;

/** A kind of side effect a module has, found from its imports and identifiers. */
enum Effect {
    NETWORK("network"),
    FILES("files"),
    DATABASE("databases"),
    PROCESSES("processes");

    private final String label;

    Effect(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
