package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {
    static final long GB = 1_000_000_000L;
    static final long GIB = 1024L * 1024 * 1024;

    static LocalModel model(String name, long bytes, long ctx) {
        return new LocalModel(LocalModel.Source.OLLAMA, name, Path.of("/m/" + name), bytes, ctx);
    }

    static final List<LocalModel> FOUND = List.of(
            model("big:70b", 40 * GB, 131_072),
            model("coder:30b", 18 * GB, 262_144),
            model("short:7b", 8 * GB, 4096),
            model("small:8b", 5 * GB, 40_960));

    static GpuMemory.Reading gpu(double gib) {
        return GpuMemory.Reading.free((long) (gib * GIB), "nvidia-smi");
    }

    static ModelChoice.Choice choose(List<LocalModel> models, GpuMemory.Reading gpu, boolean online) {
        return ModelChoice.choose(models, gpu, () -> online);
    }

    @Test
    void picks_the_largest_model_that_fits_the_free_gpu_memory() {
        ModelChoice.Choice choice = choose(FOUND, gpu(23.5), true);

        assertThat(choice).isInstanceOfSatisfying(ModelChoice.Choice.Local.class,
                local -> assertThat(local.model().name()).isEqualTo("coder:30b"));
        assertThat(choice.message()).isEqualTo("Using coder:30b (Ollama, 18.0 GB, trained for 262144 tokens of"
                + " context), the largest model found that fits 23.5 GiB of free GPU memory (nvidia-smi).");
    }

    @Test
    void a_model_trained_for_too_short_a_context_is_passed_over_even_when_it_fits() {
        ModelChoice.Choice choice = choose(FOUND, gpu(11), true);

        assertThat(choice).isInstanceOfSatisfying(ModelChoice.Choice.Local.class,
                local -> assertThat(local.model().name()).isEqualTo("small:8b"));
    }

    @Test
    void when_none_fits_it_downloads_the_dense_31b_if_memory_allows_and_says_so_first() {
        AtomicBoolean asked = new AtomicBoolean();
        ModelChoice.Choice choice = ModelChoice.choose(List.of(model("big:70b", 40 * GB, 131_072)), gpu(23.5),
                () -> asked.getAndSet(true) || true);

        assertThat(choice).isInstanceOfSatisfying(ModelChoice.Choice.Download.class,
                download -> assertThat(download.seed().repo()).isEqualTo("unsloth/gemma-4-31B-it-GGUF:Q4_K_M"));
        assertThat(choice.message()).isEqualTo("None of the 1 GGUF model found fits 23.5 GiB of free GPU memory"
                + " (nvidia-smi): the smallest usable, big:70b (40.0 GB), needs ~42.5 GiB. Downloading Gemma 4 31B"
                + " (Q4_K_M): llama-server --hf unsloth/gemma-4-31B-it-GGUF:Q4_K_M, ~18.7 GB into llama.cpp's cache"
                + " (once). Pass --model PATH.gguf or --hf REPO to choose yourself.");
        assertThat(asked).isTrue();
    }

    @Test
    void with_less_memory_it_proposes_the_faster_mixture_of_experts() {
        ModelChoice.Choice choice = choose(List.of(), gpu(12), true);

        assertThat(choice).isInstanceOfSatisfying(ModelChoice.Choice.Download.class,
                download -> assertThat(download.seed().repo()).isEqualTo("unsloth/gemma-4-26B-A4B-it-GGUF:Q4_K_M"));
        assertThat(choice.message()).startsWith("No GGUF model found on this machine; 12.0 GiB of free GPU memory"
                + " (nvidia-smi). Downloading Gemma 4 26B-A4B (Q4_K_M; a mixture of experts");
    }

    @Test
    void offline_it_says_what_it_would_have_downloaded_and_what_to_do() {
        ModelChoice.Choice choice = choose(List.of(model("big:70b", 40 * GB, 131_072)), gpu(16), false);

        assertThat(choice).isInstanceOf(ModelChoice.Choice.Refuse.class);
        assertThat(choice.message()).contains("needs ~42.5 GiB").contains("The pick for it would be Gemma 4 26B-A4B")
                .contains("Hugging Face cannot be reached from here")
                .endsWith("copy it here and pass --model PATH.gguf (or put it in --models-dir).");
    }

    @Test
    void without_a_gpu_it_refuses_and_names_the_smallest_usable_model_for_the_cpu() {
        AtomicBoolean asked = new AtomicBoolean();
        ModelChoice.Choice choice = ModelChoice.choose(FOUND, GpuMemory.Reading.none("nvidia-smi is not installed;"
                + " llama-server --list-devices lists no GPU"), () -> asked.getAndSet(true));

        assertThat(choice).isInstanceOf(ModelChoice.Choice.Refuse.class);
        assertThat(choice.message()).isEqualTo("No GPU found (nvidia-smi is not installed; llama-server"
                + " --list-devices lists no GPU). On the CPU alone each of Claude Code's ~13k-token prompts takes"
                + " minutes to read. To run on the CPU anyway, pass --model /m/small:8b (the smallest usable model"
                + " found, 5.0 GB); to use a GPU machine, run `localbridge up` there and point this bridge at it with"
                + " --backend http://THAT-HOST:8080.");
        assertThat(asked).as("no download is considered, so the network is not asked").isFalse();
    }

    @Test
    void too_little_gpu_memory_for_anything_useful_is_said_plainly() {
        ModelChoice.Choice choice = choose(List.of(model("short:7b", 8 * GB, 4096)), gpu(3), true);

        assertThat(choice.message()).isEqualTo("None of the 1 GGUF model found is trained for the 16384+ tokens of"
                + " context Claude Code needs; 3.0 GiB of free GPU memory (nvidia-smi). That is too little for a model"
                + " that can drive Claude Code: free GPU memory (other programs hold it), or pass --model PATH.gguf to"
                + " try a smaller model anyway.");
    }

    @Test
    void a_model_whose_file_does_not_say_its_context_counts_as_usable() {
        ModelChoice.Choice choice = choose(List.of(model("mystery", 5 * GB, 0)), gpu(8), true);

        assertThat(choice).isInstanceOf(ModelChoice.Choice.Local.class);
        assertThat(choice.message()).isEqualTo("Using mystery (Ollama, 5.0 GB), the largest model found that fits 8.0"
                + " GiB of free GPU memory (nvidia-smi).");
    }
}
