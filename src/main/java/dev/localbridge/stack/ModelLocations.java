package dev.localbridge.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the tools that download GGUF models keep them, as each lays them out, and the folder the user names:
 * <ul>
 *   <li>Ollama: {@code $OLLAMA_MODELS}, else {@code ~/.ollama/models} and the Linux service's
 *       {@code /usr/share/ollama/.ollama/models}: {@code manifests/HOST/NAMESPACE/NAME/TAG} (JSON) whose model layer
 *       names {@code blobs/sha256-…};</li>
 *   <li>LM Studio: {@code ~/.lmstudio/models} and the older {@code ~/.cache/lm-studio/models}:
 *       {@code PUBLISHER/REPO/*.gguf};</li>
 *   <li>Hugging Face: {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}
 *       or {@code ~/.cache/huggingface/hub}: {@code models--ORG--REPO/snapshots/REVISION/*.gguf};</li>
 *   <li>{@code --models-dir}: any {@code *.gguf} below it.</li>
 * </ul>
 */
public record ModelLocations(List<Path> ollama, List<Path> lmStudio, List<Path> huggingFace, List<Path> folders) {
    public ModelLocations {
        ollama = List.copyOf(ollama);
        lmStudio = List.copyOf(lmStudio);
        huggingFace = List.copyOf(huggingFace);
        folders = List.copyOf(folders);
    }

    /** The usual places for this user's home and environment, plus {@code modelsDir} when given. */
    public static ModelLocations standard(Path home, Map<String, String> environment, Optional<Path> modelsDir) {
        List<Path> ollama = new ArrayList<>();
        env(environment, "OLLAMA_MODELS").ifPresentOrElse(ollama::add, () -> {
            ollama.add(home.resolve(".ollama/models"));
            ollama.add(Path.of("/usr/share/ollama/.ollama/models"));
        });
        List<Path> lmStudio = List.of(home.resolve(".lmstudio/models"), home.resolve(".cache/lm-studio/models"));
        Path hub = env(environment, "HF_HUB_CACHE")
                .or(() -> env(environment, "HF_HOME").map(hf -> hf.resolve("hub")))
                .or(() -> env(environment, "XDG_CACHE_HOME").map(cache -> cache.resolve("huggingface/hub")))
                .orElse(home.resolve(".cache/huggingface/hub"));
        return new ModelLocations(ollama, lmStudio, List.of(hub), modelsDir.stream().toList());
    }

    private static Optional<Path> env(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Every place, for messages: "looked in …". */
    public List<Path> all() {
        List<Path> all = new ArrayList<>(ollama);
        all.addAll(lmStudio);
        all.addAll(huggingFace);
        all.addAll(folders);
        return all;
    }
}
