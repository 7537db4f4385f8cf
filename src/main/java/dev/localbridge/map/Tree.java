package dev.localbridge.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of a repository worth mapping, as {@code /}-separated paths relative to the root, sorted. The walk is
 * breadth-first in name order, so a capped walk keeps the same files on every run and sees every top level.
 * Symbolic links are not followed; build output, dependencies, caches and hidden directories (except CI
 * folders) are skipped, and so are files over {@link #MAX_FILE_BYTES}.
 */
record Tree(Path root, List<String> files, Set<String> dirs, boolean capped, int largeFilesSkipped) {
    static final long MAX_FILE_BYTES = 1024 * 1024;
    static final int DEFAULT_MAX_FILES = 20_000;
    private static final Set<String> SKIPPED = Set.of(".git", "target", "build", "node_modules", "dist", ".venv",
            "venv", "__pycache__", "vendor", "out", ".gradle", ".tox", ".mypy_cache", ".pytest_cache", ".next");
    private static final Set<String> HIDDEN_KEPT = Set.of(".github", ".ci", ".circleci", ".gitlab", ".buildkite");

    Tree {
        files = List.copyOf(files);
        dirs = Set.copyOf(new TreeSet<>(dirs));
    }

    /** Walks {@code root}, leaving out {@code excluded} (relative paths) and stopping after {@code maxFiles}. */
    static Tree walk(Path root, int maxFiles, Set<String> excluded) {
        Walk walk = new Walk(root, maxFiles, excluded);
        Deque<Path> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty() && !walk.capped) {
            Path dir = queue.removeFirst();
            for (Path child : sortedChildren(dir, dir.equals(root))) {
                if (walk.visit(child)) {
                    queue.addLast(child);
                }
                if (walk.capped) {
                    break;
                }
            }
        }
        walk.files.sort(null);
        return new Tree(root, walk.files, walk.dirs, walk.capped, walk.large);
    }

    /** What the walk has collected so far. */
    private static final class Walk {
        private final Path root;
        private final int maxFiles;
        private final Set<String> excluded;
        private final List<String> files = new ArrayList<>();
        private final Set<String> dirs = new TreeSet<>();
        private int large;
        private boolean capped;

        Walk(Path root, int maxFiles, Set<String> excluded) {
            this.root = root;
            this.maxFiles = maxFiles;
            this.excluded = excluded;
        }

        /** Takes in one entry; true if it is a directory to descend into. */
        boolean visit(Path child) {
            String relative = relative(root, child);
            Optional<BasicFileAttributes> attributes = attributes(child);
            if (attributes.isEmpty()) {
                return false;
            }
            if (attributes.get().isDirectory()) {
                boolean kept = keepDirectory(child.getFileName().toString());
                if (kept) {
                    dirs.add(relative);
                }
                return kept;
            }
            if (attributes.get().isRegularFile() && !excluded.contains(relative)) {
                if (files.size() >= maxFiles) {
                    capped = true;
                } else if (attributes.get().size() > MAX_FILE_BYTES) {
                    large++;
                } else {
                    files.add(relative);
                }
            }
            return false;
        }
    }

    /** Whether the path is a file or directory of the tree. */
    boolean has(String path) {
        return dirs.contains(path) || Collections.binarySearch(files, path) >= 0;
    }

    /** The file's text (UTF-8, malformed bytes replaced), if it is in the tree. */
    Optional<String> read(String path) {
        if (Collections.binarySearch(files, path) < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Files.readAllBytes(root.resolve(path)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the file starts with {@code #!}. */
    boolean hasShebang(String path) {
        try (InputStream in = Files.newInputStream(root.resolve(path))) {
            return in.read() == '#' && in.read() == '!';
        } catch (IOException e) {
            return false;
        }
    }

    /** The files directly in {@code dir} ({@code ""} for the root). */
    List<String> filesIn(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return files.stream().filter(f -> f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0).toList();
    }

    /** The directories directly in {@code dir} ({@code ""} for the root). */
    List<String> dirsIn(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return dirs.stream().filter(d -> d.startsWith(prefix) && d.indexOf('/', prefix.length()) < 0).sorted().toList();
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static boolean keepDirectory(String name) {
        return !SKIPPED.contains(name) && (!name.startsWith(".") || HIDDEN_KEPT.contains(name));
    }

    private static List<Path> sortedChildren(Path dir, boolean isRoot) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            if (isRoot) {
                throw new UncheckedIOException(e);
            }
            return List.of();
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return children;
    }

    private static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String relative(Path root, Path child) {
        return root.relativize(child).toString().replace('\\', '/');
    }
}
