package dev.localbridge.map;

import java.util.List;

/** Named tasks a build file offers, such as npm scripts or make targets: {@code label} says which and where. */
record TargetList(String label, List<String> names) {
    TargetList {
        names = List.copyOf(names);
    }
}
