package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.stack.GpuMemory;
import dev.localbridge.stack.ModelDiscovery;
import dev.localbridge.stack.ModelLocations;
import dev.localbridge.stack.Stack;
import dev.localbridge.stack.StackException;
import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.GgufFiles;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.testing.ModelTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code up} with no {@code --model}: the models on the machine are laid out as Ollama, LM Studio and the Hugging Face
 * cache lay them out (in a fake home, with the tiny model), the GPU reading and the network are given, and the real
 * llama-server is started on the choice. Nothing is downloaded.
 */
class UpChoosesModelTest {
    static final long GB = 1_000_000_000L;
    static final long GIB = 1024L * 1024 * 1024;
    static String userHome;

    @TempDir
    static Path stateHome;

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    final List<Stack> stacks = new ArrayList<>();
    /** Held, so java.util.logging does not drop the logger (and the handler) before the class logs. */
    final Logger launcherLog = Logger.getLogger(StackLauncher.class.getName());
    final List<String> said = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            said.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void temporaryHome() {
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", stateHome.toString());
    }

    @AfterAll
    static void restoreHome() {
        System.setProperty("user.home", userHome);
    }

    @BeforeEach
    void listen() {
        launcherLog.addHandler(capture);
    }

    @AfterEach
    void stop() {
        launcherLog.removeHandler(capture);
        stacks.forEach(Stack::close);
    }

    /** Ollama: the tiny model as trained for 32k (usable); LM Studio: a 30 GB model; Hugging Face: the tiny model. */
    Path layOutModels() throws Exception {
        Path usable = new ModelTrees(home).ollama("registry.ollama.ai", "library", "tiny-coder", "32k",
                GgufFiles.withContextLength(ExternalTools.tinyModel(), scratch.resolve("t32"), 32768));
        layOutUnfitModels();
        return usable;
    }

    /** LM Studio: a 30 GB model; Hugging Face: the tiny model, trained for 4096 tokens. */
    void layOutUnfitModels() throws Exception {
        ModelTrees trees = new ModelTrees(home);
        GgufFiles.write(trees.lmStudio(false, "lmstudio-community", "Big-Coder-GGUF", "Big-Coder-Q4_K_M.gguf"),
                "qwen3moe", 262_144, null, 30 * GB);
        trees.huggingFace("ggml-org", "tiny-GGUF", "0123abc", "tiny.gguf",
                Files.copy(ExternalTools.tinyModel(), scratch.resolve("t4k")));
    }

    ModelDiscovery discovery(GpuMemory.Reading gpu, boolean online) {
        return new ModelDiscovery(ModelLocations.standard(home, Map.of(), Optional.empty()), GpuMemory.fixed(gpu),
                () -> online);
    }

    StackLauncher.Started start(ModelDiscovery discovery, String... args) throws Exception {
        UpCommand up = new UpCommand(System.getenv());
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--llama-port", Integer.toString(LlamaServer.freePort()), "--port",
                Integer.toString(LlamaServer.freePort()), "--log-file", scratch.resolve("llama.log").toString()));
        new CommandLine(up).parseArgs(all.toArray(String[]::new));
        Stack stack = new Stack(line -> { });
        stacks.add(stack);
        return StackLauncher.start(stack, up.options, up.llama, up.extra, System.getenv(), true, discovery);
    }

    @Test
    void up_without_a_model_lists_what_it_found_and_runs_the_largest_that_fits() throws Exception {
        Path usable = layOutModels();

        StackLauncher.Started started = start(discovery(GpuMemory.Reading.free(8 * GIB, "nvidia-smi"), false),
                "--llama-server", ExternalTools.llamaServer().toString(), "--ctx", "2048");

        assertThat(said).contains("Found 3 GGUF models:");
        assertThat(said).anySatisfy(line -> assertThat(line).containsPattern(
                "^ +30.0 GB +ctx +262144 +lmstudio-community/Big-Coder-GGUF/Big-Coder-Q4_K_M.gguf +LM Studio "));
        assertThat(said).anySatisfy(line -> assertThat(line).containsPattern(
                "^ +1.8 MB +ctx +32768 +tiny-coder:32k +Ollama +" + usable + "$"));
        assertThat(said).anySatisfy(line -> assertThat(line).containsPattern(
                "^ +1.8 MB +ctx +4096 +ggml-org/tiny-GGUF/tiny.gguf +Hugging Face cache .*"
                        + "\\(context too short for Claude Code\\)$"));
        assertThat(said).contains("Using tiny-coder:32k (Ollama, 1.8 MB, trained for 32768 tokens of context), the"
                + " largest model found that fits 8.0 GiB of free GPU memory (nvidia-smi).");
        assertThat(started.llamaServer()).isPresent();
        assertThat(Files.readString(scratch.resolve("llama.log"))).contains("-m " + usable);
        assertThat(new BridgeClient("http://127.0.0.1:" + started.bridge().port())
                .post("/v1/messages", UpCommandTest.MESSAGE).status()).isEqualTo(200);
    }

    @Test
    void when_no_model_fits_and_there_is_no_network_it_says_what_to_do_and_starts_nothing() throws Exception {
        layOutUnfitModels();
        List<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).toList();

        assertThatThrownBy(() -> start(discovery(GpuMemory.Reading.free(16 * GIB, "nvidia-smi"), false)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining(", and no --model was named. None of the 2 GGUF models found fits 16.0 GiB of"
                        + " free GPU memory (nvidia-smi): the smallest usable, lmstudio-community/Big-Coder-GGUF/"
                        + "Big-Coder-Q4_K_M.gguf (30.0 GB), needs ~32.2 GiB.")
                .hasMessageContaining("The pick for it would be Gemma 4 26B-A4B")
                .hasMessageContaining("Hugging Face cannot be reached from here");
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid).toList()).isEqualTo(before);
    }

    @Test
    void when_none_fits_and_the_network_is_there_it_says_what_it_will_download_and_passes_it_to_llama_server()
            throws Exception {
        GgufFiles.write(new ModelTrees(home).lmStudio(false, "x", "Huge-GGUF", "huge.gguf"), "llama", 131_072, null,
                60 * GB);
        Path fake = scratch.resolve("bin/llama-server");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\necho \"$@\"\nexit 3\n");
        fake.toFile().setExecutable(true);

        assertThatThrownBy(() -> start(discovery(GpuMemory.Reading.free(24 * GIB, "nvidia-smi"), true),
                "--llama-server", fake.toString()))
                .isInstanceOf(StackException.class).hasMessageContaining("llama-server exited with code 3");

        assertThat(said).contains("None of the 1 GGUF model found fits 24.0 GiB of free GPU memory (nvidia-smi): the"
                + " smallest usable, x/Huge-GGUF/huge.gguf (60.0 GB), needs ~63.0 GiB. Downloading Gemma 4 31B"
                + " (Q4_K_M): llama-server --hf unsloth/gemma-4-31B-it-GGUF:Q4_K_M, ~18.7 GB into llama.cpp's cache"
                + " (once). Pass --model PATH.gguf or --hf REPO to choose yourself.");
        assertThat(Files.readString(scratch.resolve("llama.log"))).contains("-hf unsloth/gemma-4-31B-it-GGUF:Q4_K_M");
    }

    @Test
    void without_a_gpu_it_says_so_plainly_and_names_a_model_to_pass() throws Exception {
        Path usable = layOutModels();

        assertThatThrownBy(() -> start(discovery(GpuMemory.Reading.none("nvidia-smi is not installed"), true)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("No GPU found (nvidia-smi is not installed)")
                .hasMessageContaining("pass --model " + usable);
    }
}
