package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code up} says while llama-server installs or downloads, before it listens. */
class StartupActivityTest {
    @TempDir
    Path dir;

    @Test
    void the_wrappers_install_lines_say_llama_cpp_is_being_installed() {
        String tail = "[llama-server-wrapper] building Debian sid chroot in /c/llama-sid.tmp (mirror m, arch amd64);"
                + " this takes ~30 s and ~180 MB\n";

        assertThat(StartupActivity.describe(tail, Optional.empty(), List.of())).isEqualTo("installing llama.cpp"
                + " (building Debian sid chroot in /c/llama-sid.tmp (mirror m, arch amd64); this takes ~30 s and ~180"
                + " MB)");
    }

    @Test
    void a_download_says_what_and_how_far_from_the_partial_file_in_llama_cpps_cache() throws IOException {
        Path cache = dir.resolve("llama.cpp");
        Files.createDirectories(cache);
        try (RandomAccessFile partial = new RandomAccessFile(cache.resolve(
                "unsloth_gemma-4-31B-it-GGUF_gemma-4-31B-it-Q4_K_M.gguf.downloadInProgress").toFile(), "rw")) {
            partial.setLength(3_200_000_000L);
        }

        assertThat(StartupActivity.describe("main: build = 1 (abc)\n", Optional.of("unsloth/gemma-4-31B-it-GGUF:Q4_K_M"),
                List.of(cache, dir.resolve("absent")))).isEqualTo("downloading unsloth/gemma-4-31B-it-GGUF:Q4_K_M,"
                + " 3.2 GB so far");
        assertThat(StartupActivity.describe("", Optional.of("org/m-GGUF"), List.of(dir.resolve("absent"))))
                .isEqualTo("downloading org/m-GGUF");
    }

    @Test
    void otherwise_it_is_starting() {
        assertThat(StartupActivity.describe("\n\n", Optional.empty(), List.of())).isEqualTo("starting");
    }

    @Test
    void the_caches_follow_llama_cache() {
        assertThat(StartupActivity.caches(java.util.Map.of("LLAMA_CACHE", "/big/cache"), Path.of("/home/u")))
                .containsExactly(Path.of("/big/cache"), Path.of("/home/u/.cache/huggingface/hub"));
    }

    @Test
    void up_reports_an_install_in_progress_instead_of_loading() throws Exception {
        Path script = dir.resolve("llama-server");
        Path release = dir.resolve("release");
        Files.writeString(script, "#!/bin/sh\necho '[llama-server-wrapper] installing llama.cpp-tools inside the"
                + " chroot' >&2\nwhile [ ! -e '" + release + "' ]; do sleep 0.1; done\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> progress = new ArrayList<>();
        LlamaServerArgs args = LlamaServerArgs.of("127.0.0.1", dev.localbridge.testing.LlamaServer.freePort(),
                new LlamaServerArgs.Model.HuggingFace("org/m-GGUF"), 1024, 1, List.of());
        try (Supervisor supervisor = Supervisor.launch(new Supervisor.Launch(script, args, dir.resolve("log")),
                RestartPolicy.perMinute(0), line -> {
                    synchronized (progress) {
                        progress.add(line);
                    }
                })) {
            SupervisorTest.awaitTrue(() -> !snapshot(progress).isEmpty(), Duration.ofSeconds(60));
            Files.createFile(release);

            assertThat(snapshot(progress)).first().asString().matches("llama-server \\(pid \\d+\\): installing"
                    + " llama.cpp \\(installing llama.cpp-tools inside the chroot\\)… \\d+\\.\\d s");
        }
    }

    private static List<String> snapshot(List<String> progress) {
        synchronized (progress) {
            return List.copyOf(progress);
        }
    }
}
