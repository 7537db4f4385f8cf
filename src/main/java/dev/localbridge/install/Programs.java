package dev.localbridge.install;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where programs are: the directories of a {@code PATH} value, and the checkout this program runs from. */
public final class Programs {
    private Programs() {
    }

    /** The first executable file called {@code name} in the directories of {@code path} (a {@code PATH} value). */
    public static Optional<Path> onPath(String name, String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** An executable regular file. */
    public static boolean runnable(Path path) {
        return Files.isExecutable(path) && !Files.isDirectory(path);
    }

    /** The checkout this program runs from ({@code target/classes} or {@code target/*.jar} inside it), if any. */
    public static Optional<Path> checkout() {
        try {
            Path code = Path.of(Programs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("scripts"))) {
                    return Optional.of(dir);
                }
            }
            return Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The checkout's {@code scripts/<name>}, if it is executable. */
    public static Optional<Path> checkoutScript(String name) {
        return checkout().map(root -> root.resolve("scripts").resolve(name)).filter(Files::isExecutable);
    }
}
