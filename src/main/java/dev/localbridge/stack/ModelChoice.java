package dev.localbridge.stack;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What {@code up} runs when no model is named: the largest GGUF already on the machine that fits the GPU's free memory
 * (and whose training context can hold Claude Code's prompts), else the seed's pick downloaded by llama-server
 * ({@code --hf}): Gemma 4 31B at Q4_K_M, or the faster 26B-A4B mixture of experts when memory is short. Without a GPU,
 * or without a network for the download, it refuses with what to do. A pure function of what was found.
 */
public final class ModelChoice {
    static final long GIB = 1024L * 1024 * 1024;
    /** Besides the weights: the KV cache of a 32k window and compute buffers, roughly. */
    static final long OVERHEAD = 3 * GIB / 2;
    /** Below this a model cannot hold Claude Code's first request (~13k tokens) and an answer. */
    public static final long MIN_CONTEXT = 16_384;
    /** Below this much free GPU memory not even the mixture of experts is worth starting. */
    static final long MIN_GPU = 6 * GIB;

    /** A model llama-server downloads from Hugging Face. */
    public record Seed(String repo, String description, long bytes) {
    }

    static final Seed DENSE = new Seed("unsloth/gemma-4-31B-it-GGUF:Q4_K_M", "Gemma 4 31B (Q4_K_M)", 18_700_000_000L);
    static final Seed MOE = new Seed("unsloth/gemma-4-26B-A4B-it-GGUF:Q4_K_M",
            "Gemma 4 26B-A4B (Q4_K_M; a mixture of experts with ~4B active, faster, and usable with part of it in RAM)",
            16_900_000_000L);

    /** The outcome, with the sentence that explains it. */
    public sealed interface Choice {
        String message();

        record Local(LocalModel model, String message) implements Choice {
        }

        record Download(Seed seed, String message) implements Choice {
        }

        record Refuse(String message) implements Choice {
        }
    }

    private ModelChoice() {
    }

    /**
     * @param online asked only when a download would be proposed: can Hugging Face be reached?
     */
    public static Choice choose(List<LocalModel> models, GpuMemory.Reading gpu, BooleanSupplier online) {
        if (gpu.freeBytes().isEmpty()) {
            return new Choice.Refuse("No GPU found (" + gpu.source() + "). On the CPU alone each of Claude Code's"
                    + " ~13k-token prompts takes minutes to read. " + cpuAdvice(models));
        }
        long free = gpu.freeBytes().get();
        String memory = gib(free) + " of free GPU memory (" + gpu.source() + ")";
        Optional<LocalModel> fits = models.stream().filter(ModelChoice::usable)
                .filter(m -> needs(m.bytes()) <= free).findFirst();
        if (fits.isPresent()) {
            LocalModel m = fits.get();
            return new Choice.Local(m, "Using " + m.name() + " (" + m.source().label() + ", " + gb(m.bytes())
                    + context(m) + "), the largest model found that fits " + memory + ".");
        }
        String none = noneFits(models, memory);
        if (free < MIN_GPU) {
            return new Choice.Refuse(none + " That is too little for a model that can drive Claude Code: free GPU"
                    + " memory (other programs hold it), or pass --model PATH.gguf to try a smaller model anyway.");
        }
        Seed seed = free >= needs(DENSE.bytes()) ? DENSE : MOE;
        if (!online.getAsBoolean()) {
            return new Choice.Refuse(none + " The pick for it would be " + seed.description() + ", downloaded with"
                    + " --hf " + seed.repo() + ", but Hugging Face cannot be reached from here. Download a GGUF on a"
                    + " machine with a network, copy it here and pass --model PATH.gguf (or put it in --models-dir).");
        }
        return new Choice.Download(seed, none + " Downloading " + seed.description() + ": llama-server --hf "
                + seed.repo() + ", ~" + gb(seed.bytes()) + " into llama.cpp's cache (once). Pass --model PATH.gguf"
                + " or --hf REPO to choose yourself.");
    }

    /** Free memory a model of this size needs: its weights, a tenth more, and the KV cache and buffers. */
    static long needs(long bytes) {
        return bytes + bytes / 10 + OVERHEAD;
    }

    /** Whether a model's training context can hold Claude Code's prompts (unknown counts as yes). */
    public static boolean usable(LocalModel model) {
        return model.contextLength() == 0 || model.contextLength() >= MIN_CONTEXT;
    }

    private static String noneFits(List<LocalModel> models, String memory) {
        List<LocalModel> usable = models.stream().filter(ModelChoice::usable).toList();
        if (models.isEmpty()) {
            return "No GGUF model found on this machine; " + memory + ".";
        }
        if (usable.isEmpty()) {
            return "None of the " + count(models) + " found is trained for the " + MIN_CONTEXT + "+ tokens of context"
                    + " Claude Code needs; " + memory + ".";
        }
        LocalModel smallest = usable.getLast();
        return "None of the " + count(models) + " found fits " + memory + ": the smallest usable, " + smallest.name()
                + " (" + gb(smallest.bytes()) + "), needs ~" + gib(needs(smallest.bytes())) + ".";
    }

    private static String cpuAdvice(List<LocalModel> models) {
        Optional<LocalModel> smallest = models.stream().filter(ModelChoice::usable)
                .reduce((a, b) -> b);
        String anyway = smallest.map(m -> "To run on the CPU anyway, pass --model " + m.path() + " (the smallest"
                + " usable model found, " + gb(m.bytes()) + ")").orElse("To run on the CPU anyway, pass --model"
                + " PATH.gguf (a small model, trained for " + MIN_CONTEXT + "+ tokens of context)");
        return anyway + "; to use a GPU machine, run `localbridge up` there and point this bridge at it with"
                + " --backend http://THAT-HOST:8080.";
    }

    private static String count(List<LocalModel> models) {
        return models.size() == 1 ? "1 GGUF model" : models.size() + " GGUF models";
    }

    private static String context(LocalModel m) {
        return m.contextLength() > 0 ? ", trained for " + m.contextLength() + " tokens of context" : "";
    }

    /** Decimal units, as file sizes are usually given: "18.7 GB", "1.8 MB". */
    public static String gb(long bytes) {
        return bytes >= 100_000_000 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** Binary gibibytes, as GPU memory is usually given: "23.5 GiB". */
    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", (double) bytes / GIB);
    }
}
