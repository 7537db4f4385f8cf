package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.GgufFiles;
import dev.localbridge.testing.ModelTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding GGUF models where Ollama, LM Studio, the Hugging Face cache and a named folder keep them. */
class ModelFinderTest {
    static final long GB = 1_000_000_000L;

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    Path fake(String name, String arch, long ctx, long size) throws IOException {
        return GgufFiles.write(scratch.resolve(name), arch, ctx, null, size);
    }

    Path tinyCopy(String name) throws IOException {
        return Files.copy(ExternalTools.tinyModel(), scratch.resolve(name));
    }

    List<LocalModel> find(Map<String, String> environment, Path modelsDir) {
        return ModelFinder.find(ModelLocations.standard(home, environment, Optional.ofNullable(modelsDir)));
    }

    @Test
    void finds_models_in_each_tools_layout_largest_first_with_size_and_context() throws IOException {
        ModelTrees trees = new ModelTrees(home);
        Path gemma = trees.ollama("registry.ollama.ai", "library", "gemma4", "31b",
                fake("g", "gemma4", 262_144, 19 * GB));
        trees.ollama("hf.co", "unsloth", "Qwen3-8B-GGUF", "Q4_K_M", fake("q", "qwen3", 40_960, 5 * GB));
        trees.ollama("registry.ollama.ai", "library", "tiny", "latest", tinyCopy("t"));
        Path coder = GgufFiles.write(trees.lmStudio(false, "lmstudio-community", "Qwen3-Coder-30B-A3B-Instruct-GGUF",
                "Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf"), "qwen3moe", 262_144, "model", 18 * GB);
        GgufFiles.write(trees.lmStudio(true, "TheBloke", "Mistral-7B-GGUF", "mistral-7b.Q4_K_M.gguf"), "llama",
                32_768, null, 4 * GB);
        trees.huggingFace("unsloth", "gemma-4-26B-A4B-it-GGUF", "a1b2c3", "gemma-4-26B-A4B-it-Q4_K_M.gguf",
                fake("moe", "gemma4", 262_144, 17 * GB));

        List<LocalModel> found = find(Map.of(), null);

        assertThat(found).extracting(LocalModel::source, LocalModel::name, LocalModel::bytes, LocalModel::contextLength)
                .containsExactly(
                        tuple(LocalModel.Source.OLLAMA, "gemma4:31b", 19 * GB, 262_144L),
                        tuple(LocalModel.Source.LM_STUDIO, "lmstudio-community/Qwen3-Coder-30B-A3B-Instruct-GGUF/"
                                + "Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf", 18 * GB, 262_144L),
                        tuple(LocalModel.Source.HUGGING_FACE, "unsloth/gemma-4-26B-A4B-it-GGUF/"
                                + "gemma-4-26B-A4B-it-Q4_K_M.gguf", 17 * GB, 262_144L),
                        tuple(LocalModel.Source.OLLAMA, "hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M", 5 * GB, 40_960L),
                        tuple(LocalModel.Source.LM_STUDIO, "TheBloke/Mistral-7B-GGUF/mistral-7b.Q4_K_M.gguf", 4 * GB,
                                32_768L),
                        tuple(LocalModel.Source.OLLAMA, "tiny:latest", Files.size(ExternalTools.tinyModel()), 4096L));
        assertThat(found.getFirst().path()).isEqualTo(gemma);
        assertThat(found.get(1).path()).isEqualTo(coder);
    }

    @Test
    void projectors_adapters_later_parts_and_files_that_are_not_gguf_are_left_out() throws IOException {
        ModelTrees trees = new ModelTrees(home);
        Path repo = trees.lmStudio(false, "ggml-org", "gemma-3-4b-it-GGUF", "gemma-3-4b-it-Q4_K_M.gguf");
        GgufFiles.write(repo, "gemma3", 131_072, null, 2 * GB);
        GgufFiles.write(repo.resolveSibling("mmproj-model-f16.gguf"), "clip", 0, null, GB);
        GgufFiles.write(repo.resolveSibling("lora.gguf"), "llama", 4096, "adapter", GB);
        Files.writeString(repo.resolveSibling("README.gguf"), "not a model");
        Files.createDirectories(home.resolve(".ollama/models/manifests/registry.ollama.ai/library/broken"));
        Files.writeString(home.resolve(".ollama/models/manifests/registry.ollama.ai/library/broken/latest"), "{oops");

        assertThat(find(Map.of(), null)).extracting(LocalModel::name)
                .containsExactly("ggml-org/gemma-3-4b-it-GGUF/gemma-3-4b-it-Q4_K_M.gguf");
    }

    @Test
    void a_split_model_counts_once_with_all_its_parts_and_an_incomplete_one_not_at_all() throws IOException {
        ModelTrees trees = new ModelTrees(home);
        trees.huggingFace("unsloth", "big-GGUF", "r1", "Q8_0/big-Q8_0-00001-of-00002.gguf",
                fake("p1", "llama", 131_072, 30 * GB));
        trees.huggingFace("unsloth", "big-GGUF", "r1", "Q8_0/big-Q8_0-00002-of-00002.gguf",
                fake("p2", "llama", 131_072, 20 * GB));
        trees.huggingFace("unsloth", "half-GGUF", "r1", "half-00001-of-00003.gguf", fake("h1", "llama", 8192, GB));

        assertThat(find(Map.of(), null)).extracting(LocalModel::name, LocalModel::bytes)
                .containsExactly(tuple("unsloth/big-GGUF/Q8_0/big-Q8_0-00001-of-00002.gguf", 50 * GB));
    }

    @Test
    void the_same_file_reached_twice_is_listed_once() throws IOException {
        ModelTrees trees = new ModelTrees(home);
        Path first = trees.huggingFace("org", "m-GGUF", "rev1", "m.gguf", fake("m", "llama", 32_768, 3 * GB));
        Path second = first.getParent().getParent().resolve("rev2/m.gguf");
        Files.createDirectories(second.getParent());
        Files.createSymbolicLink(second, Path.of("../rev1/m.gguf"));

        assertThat(find(Map.of(), null)).hasSize(1);
    }

    @Test
    void the_environment_moves_ollamas_and_hugging_faces_folders_and_a_named_folder_is_searched_too()
            throws IOException {
        Path ollama = scratch.resolve("ollama-models");
        Path hf = scratch.resolve("hf");
        ModelTrees elsewhere = new ModelTrees(scratch.resolve("elsewhere"));
        Path blob = elsewhere.ollama("registry.ollama.ai", "library", "moved", "latest", tinyCopy("t"));
        Files.move(elsewhere.home().resolve(".ollama/models"), ollama);
        ModelTrees hfHome = new ModelTrees(scratch.resolve("hfhome"));
        hfHome.huggingFace("org", "x-GGUF", "r", "x.gguf", fake("x", "llama", 16_384, GB));
        Files.move(hfHome.home().resolve(".cache/huggingface"), hf);
        Path mine = scratch.resolve("my-models");
        Files.createDirectories(mine.resolve("coding"));
        Files.copy(ExternalTools.tinyModel(), mine.resolve("coding/tiny.gguf"));

        List<LocalModel> found = find(Map.of("OLLAMA_MODELS", ollama.toString(), "HF_HOME", hf.toString()), mine);

        assertThat(found).extracting(LocalModel::source, LocalModel::name).containsExactlyInAnyOrder(
                tuple(LocalModel.Source.HUGGING_FACE, "org/x-GGUF/x.gguf"),
                tuple(LocalModel.Source.OLLAMA, "moved:latest"),
                tuple(LocalModel.Source.FOLDER, "coding/tiny.gguf"));
        assertThat(blob).doesNotExist();
    }

    @Test
    void nothing_installed_finds_nothing() {
        assertThat(find(Map.of(), null)).isEmpty();
    }
}
