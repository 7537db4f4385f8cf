package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuMemoryTest {
    static final long MIB = 1024L * 1024;

    @TempDir
    Path dir;

    Path script(String name, String body) throws IOException {
        Path file = dir.resolve("bin").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void nvidia_smis_free_memory_is_summed_over_gpus() throws IOException {
        script("nvidia-smi", "[ \"$1 $2\" = '--query-gpu=memory.free --format=csv,noheader,nounits' ] || exit 9\n"
                + "printf '23500\\n8000\\n'");

        GpuMemory.Reading reading = GpuMemory.system(dir.resolve("bin").toString(),
                () -> { throw new AssertionError("llama-server need not be asked"); }).read();

        assertThat(reading).isEqualTo(GpuMemory.Reading.free(31_500 * MIB, "nvidia-smi"));
    }

    @Test
    void without_nvidia_smi_llama_servers_device_list_is_read() throws IOException {
        Path llama = script("llama-server", "[ \"$1\" = --list-devices ] || exit 9\n"
                + "echo 'Available devices:'\necho '  ROCm0: AMD Radeon RX 7900 XTX (24560 MiB, 24000 MiB free)'");

        GpuMemory.Reading reading = GpuMemory.system(dir.resolve("empty").toString(), () -> llama).read();

        assertThat(reading).isEqualTo(GpuMemory.Reading.free(24_000 * MIB, "llama-server --list-devices"));
    }

    @Test
    void no_gpu_anywhere_says_what_was_tried() throws IOException {
        Path llama = script("llama-server", "echo 'Available devices:'\necho '  (none)'");

        GpuMemory.Reading reading = GpuMemory.system(dir.resolve("empty").toString(), () -> llama).read();

        assertThat(reading.freeBytes()).isEmpty();
        assertThat(reading.source()).isEqualTo("nvidia-smi is not installed; llama-server --list-devices lists no GPU");
    }

    @Test
    void nvidia_smi_failing_falls_back_to_llama_server_and_a_missing_llama_server_is_said() throws IOException {
        script("nvidia-smi", "echo 'NVIDIA-SMI has failed because it could not communicate with the driver'; exit 9");

        GpuMemory.Reading reading = GpuMemory.system(dir.resolve("bin").toString(),
                () -> { throw new StackException("cannot find llama-server"); }).read();

        assertThat(reading.source()).isEqualTo("nvidia-smi found no GPU; no llama-server to ask (cannot find"
                + " llama-server)");
    }

    @Test
    void parses_the_tools_answers() {
        assertThat(GpuMemory.Probes.nvidiaSmiFree("  1024\n")).contains(1024 * MIB);
        assertThat(GpuMemory.Probes.nvidiaSmiFree("No devices were found")).isEmpty();
        assertThat(GpuMemory.Probes.listDevicesFree("  CUDA0: NVIDIA GeForce RTX 4090 (24080 MiB, 23664 MiB free)\n"
                + "  CUDA1: NVIDIA GeForce RTX 3090 (24576 MiB, 1000 MiB free)")).isEqualTo(Optional.of(24_664 * MIB));
    }
}
