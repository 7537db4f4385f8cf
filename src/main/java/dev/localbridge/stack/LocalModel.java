package dev.localbridge.stack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A GGUF model found on this machine: where it was found, the name that tool gives it, the file llama-server loads
 * (the first part of a split model), its size on disk (all parts) and its training context (0 when the file does
 * not say).
 */
public record LocalModel(Source source, String name, Path path, long bytes, long contextLength) {
    /** Where models are found. */
    public enum Source {
        OLLAMA("Ollama"), LM_STUDIO("LM Studio"), HUGGING_FACE("Hugging Face cache"), FOLDER("--models-dir");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public LocalModel {
        Objects.requireNonNull(source);
        Objects.requireNonNull(name);
        Objects.requireNonNull(path);
    }
}
