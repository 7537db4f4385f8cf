package dev.localbridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Model folders laid out as the tools that download GGUF models lay them out, in a fake home: Ollama's manifests and
 * blobs, LM Studio's publisher/repository folders, and the Hugging Face cache's snapshots linking into blobs.
 */
public final class ModelTrees {
    private final Path home;

    public ModelTrees(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /** {@code ~/.ollama/models/manifests/HOST/NAMESPACE/NAME/TAG} naming a model blob moved in from {@code gguf}. */
    public Path ollama(String host, String namespace, String name, String tag, Path gguf) throws IOException {
        Path models = home.resolve(".ollama/models");
        String digest = sha256(name + ":" + tag);
        Path blob = models.resolve("blobs/sha256-" + digest);
        Files.createDirectories(blob.getParent());
        Files.move(gguf, blob);
        Path manifest = models.resolve("manifests").resolve(host).resolve(namespace).resolve(name).resolve(tag);
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:%s","size":485},
                 "layers":[
                  {"mediaType":"application/vnd.ollama.image.model","digest":"sha256:%s","size":%d},
                  {"mediaType":"application/vnd.ollama.image.template","digest":"sha256:%s","size":358}]}
                """.formatted(sha256("config"), digest, Files.size(blob), sha256("template")));
        return blob;
    }

    /** Where a GGUF goes in LM Studio's folder ({@code ~/.lmstudio/models}, or {@code ~/.cache/lm-studio/models}). */
    public Path lmStudio(boolean older, String publisher, String repo, String file) {
        Path root = older ? home.resolve(".cache/lm-studio/models") : home.resolve(".lmstudio/models");
        return root.resolve(publisher).resolve(repo).resolve(file);
    }

    /**
     * {@code ~/.cache/huggingface/hub/models--ORG--REPO/snapshots/REVISION/FILE}, a link to the blob moved in from
     * {@code gguf}; returns the link.
     */
    public Path huggingFace(String org, String repo, String revision, String file, Path gguf) throws IOException {
        Path repoDir = home.resolve(".cache/huggingface/hub/models--" + org + "--" + repo);
        Path blob = repoDir.resolve("blobs").resolve(sha256(org + repo + file));
        Files.createDirectories(blob.getParent());
        if (!Files.exists(blob)) {
            Files.move(gguf, blob);
        } else {
            Files.delete(gguf);
        }
        Path link = repoDir.resolve("snapshots").resolve(revision).resolve(file);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getParent().relativize(blob));
        return link;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
