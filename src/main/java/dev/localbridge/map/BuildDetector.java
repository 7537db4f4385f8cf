package dev.localbridge.map;

import java.util.List;
import java.util.Optional;

/** Reads one build system's files in one directory of the tree. Nothing is run: the files are only read. */
sealed interface BuildDetector
        permits MavenDetector, GradleDetector, NodeDetector, PythonDetector, GoDetector, RustDetector, MakeDetector {
    /** Every detector, in the order the map lists build systems. */
    static List<BuildDetector> all() {
        return List.of(new MavenDetector(), new GradleDetector(), new NodeDetector(), new PythonDetector(),
                new GoDetector(), new RustDetector(), new MakeDetector());
    }

    /** The build system's facts if its build file is in {@code dir} ({@code ""} for the root). */
    Optional<BuildFacts> detect(Tree tree, String dir);
}
