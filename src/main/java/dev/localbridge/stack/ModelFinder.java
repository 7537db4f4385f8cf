package dev.localbridge.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the GGUF models already on this machine in the {@link ModelLocations}: each file's header is read for its
 * training context; vision projectors, adapters and files that are not GGUF are left out; a split model counts once
 * (its first part, all parts' size), and a file reachable from two places (a symlink, a copy shared between tools)
 * once. Largest first.
 */
public final class ModelFinder {
    private static final Logger LOG = Logger.getLogger(ModelFinder.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SPLIT = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf");
    private static final String OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model";
    private static final int FOLDER_DEPTH = 6;

    private ModelFinder() {
    }

    public static List<LocalModel> find(ModelLocations locations) {
        List<LocalModel> found = new ArrayList<>();
        locations.ollama().forEach(root -> ollama(root, found));
        locations.lmStudio().forEach(root -> folder(root, LocalModel.Source.LM_STUDIO, 3, found));
        locations.huggingFace().forEach(root -> huggingFace(root, found));
        locations.folders().forEach(root -> folder(root, LocalModel.Source.FOLDER, FOLDER_DEPTH, found));
        Set<Path> seen = new HashSet<>();
        return found.stream()
                .filter(model -> seen.add(real(model.path())))
                .sorted(Comparator.comparingLong(LocalModel::bytes).reversed().thenComparing(LocalModel::name))
                .toList();
    }

    /** {@code manifests/HOST/NAMESPACE/NAME/TAG}: JSON whose model layer is the GGUF in {@code blobs/}. */
    private static void ollama(Path root, List<LocalModel> found) {
        Path manifests = root.resolve("manifests");
        for (Path manifest : files(manifests, 4)) {
            Path relative = manifests.relativize(manifest);
            if (relative.getNameCount() != 4) {
                continue;
            }
            modelBlob(root, manifest).ifPresent(blob -> model(LocalModel.Source.OLLAMA, ollamaName(relative), blob,
                    size(blob)).ifPresent(found::add));
        }
    }

    private static Optional<Path> modelBlob(Path root, Path manifest) {
        try {
            for (JsonNode layer : MAPPER.readTree(manifest.toFile()).path("layers")) {
                String digest = layer.path("digest").asText("");
                if (layer.path("mediaType").asText("").equals(OLLAMA_MODEL_LAYER) && digest.matches("sha256:[0-9a-f]{64}")) {
                    Path blob = root.resolve("blobs").resolve(digest.replace(':', '-'));
                    return Files.isRegularFile(blob) ? Optional.of(blob) : Optional.empty();
                }
            }
        } catch (IOException e) {
            LOG.fine(() -> "not an Ollama manifest: " + manifest + " (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    /** registry.ollama.ai/library/gemma3/27b → gemma3:27b; other namespaces and hosts stay in the name. */
    static String ollamaName(Path relative) {
        String host = relative.getName(0).toString();
        String namespace = relative.getName(1).toString();
        String model = relative.getName(2) + ":" + relative.getName(3);
        if (host.equals("registry.ollama.ai")) {
            return namespace.equals("library") ? model : namespace + "/" + model;
        }
        return host + "/" + namespace + "/" + model;
    }

    /** {@code models--ORG--REPO/snapshots/REVISION/…/*.gguf}, named ORG/REPO/FILE. */
    private static void huggingFace(Path hub, List<LocalModel> found) {
        for (Path repo : directories(hub)) {
            String dir = repo.getFileName().toString();
            if (!dir.startsWith("models--")) {
                continue;
            }
            String name = dir.substring("models--".length()).replace("--", "/");
            for (Path revision : directories(repo.resolve("snapshots"))) {
                for (Path file : files(revision, 3)) {
                    ggufPart(file).ifPresent(size -> model(LocalModel.Source.HUGGING_FACE,
                            name + "/" + revision.relativize(file), file, size).ifPresent(found::add));
                }
            }
        }
    }

    private static void folder(Path root, LocalModel.Source source, int depth, List<LocalModel> found) {
        for (Path file : files(root, depth)) {
            ggufPart(file).ifPresent(size -> model(source, root.relativize(file).toString(), file, size)
                    .ifPresent(found::add));
        }
    }

    /**
     * The size to count for a {@code .gguf} file: its own, or all parts' for the first part of a split model; empty for
     * later parts, projectors and incomplete splits.
     */
    private static Optional<Long> ggufPart(Path file) {
        String name = file.getFileName().toString();
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf") || name.toLowerCase(java.util.Locale.ROOT)
                .contains("mmproj")) {
            return Optional.empty();
        }
        Matcher split = SPLIT.matcher(name);
        if (!split.matches()) {
            return Optional.of(size(file));
        }
        if (Integer.parseInt(split.group(2)) != 1) {
            return Optional.empty();
        }
        int parts = Integer.parseInt(split.group(3));
        long total = 0;
        for (int part = 1; part <= parts; part++) {
            Path sibling = file.resolveSibling(String.format(java.util.Locale.ROOT, "%s-%05d-of-%05d.gguf",
                    split.group(1), part, parts));
            if (!Files.isRegularFile(sibling)) {
                LOG.fine(() -> "skipping " + file + ": part " + sibling.getFileName() + " is missing");
                return Optional.empty();
            }
            total += size(sibling);
        }
        return Optional.of(total);
    }

    private static Optional<LocalModel> model(LocalModel.Source source, String name, Path file, long bytes) {
        try {
            GgufMetadata metadata = GgufMetadata.read(file);
            if (metadata.type() != null && !metadata.type().equals("model")) {
                return Optional.empty();
            }
            return Optional.of(new LocalModel(source, name, file, bytes, metadata.contextLength()));
        } catch (IOException e) {
            LOG.fine(() -> "skipping " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static List<Path> files(Path root, int depth) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, depth, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.fine(() -> "cannot read " + root + ": " + e.getMessage());
            return List.of();
        }
    }

    private static List<Path> directories(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
