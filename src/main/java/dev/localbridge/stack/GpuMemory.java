package dev.localbridge.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much GPU memory is free, for choosing a model that fits. Read from {@code nvidia-smi} when it is installed, else
 * from llama-server's own view of its devices ({@code --list-devices}, which also covers ROCm, Vulkan and Metal
 * builds). Injectable: tests pass a fixed reading.
 */
@FunctionalInterface
public interface GpuMemory {
    /** What was found: free bytes over all GPUs, or empty with what was tried. */
    Reading read();

    /** @param source how it was read ("nvidia-smi", "llama-server --list-devices"), or what was tried when none */
    record Reading(Optional<Long> freeBytes, String source) {
        public static Reading none(String tried) {
            return new Reading(Optional.empty(), tried);
        }

        public static Reading free(long bytes, String source) {
            return new Reading(Optional.of(bytes), source);
        }
    }

    /** A fixed reading, for tests and for {@code --gpu-memory}-style overrides. */
    static GpuMemory fixed(Reading reading) {
        return () -> reading;
    }

    /**
     * nvidia-smi first, then {@code llamaServer --list-devices}.
     *
     * @param path the {@code PATH} to find nvidia-smi on
     * @param llamaServer finds the llama-server executable (may throw {@link StackException} when there is none)
     */
    static GpuMemory system(String path, Supplier<Path> llamaServer) {
        return () -> {
            List<String> tried = new ArrayList<>();
            Optional<Path> smi = dev.localbridge.install.Programs.onPath("nvidia-smi", path);
            if (smi.isPresent()) {
                Optional<Long> free = Probes.output(List.of(smi.get().toString(), "--query-gpu=memory.free",
                        "--format=csv,noheader,nounits")).flatMap(Probes::nvidiaSmiFree);
                if (free.isPresent()) {
                    return Reading.free(free.get(), "nvidia-smi");
                }
                tried.add("nvidia-smi found no GPU");
            } else {
                tried.add("nvidia-smi is not installed");
            }
            try {
                Path binary = llamaServer.get();
                Optional<Long> free = Probes.output(List.of(binary.toString(), "--list-devices"))
                        .flatMap(Probes::listDevicesFree);
                if (free.isPresent()) {
                    return Reading.free(free.get(), "llama-server --list-devices");
                }
                tried.add("llama-server --list-devices lists no GPU");
            } catch (StackException e) {
                tried.add("no llama-server to ask (" + e.getMessage() + ")");
            }
            return Reading.none(String.join("; ", tried));
        };
    }

    /** Running the tools and reading their answers. */
    final class Probes {
        private static final long MIB = 1024L * 1024;
        private static final Pattern DEVICE_FREE = Pattern.compile("\\((\\d+) MiB, (\\d+) MiB free\\)");

        private Probes() {
        }

        /** nvidia-smi's one number (MiB) per GPU, summed; empty when there is none. */
        static Optional<Long> nvidiaSmiFree(String output) {
            long total = 0;
            boolean any = false;
            for (String line : output.strip().split("\\R")) {
                if (line.strip().matches("\\d+")) {
                    total += Long.parseLong(line.strip()) * MIB;
                    any = true;
                }
            }
            return any ? Optional.of(total) : Optional.empty();
        }

        /** llama-server's "  CUDA0: NVIDIA … (24080 MiB, 23500 MiB free)" per device, summed. */
        static Optional<Long> listDevicesFree(String output) {
            Matcher device = DEVICE_FREE.matcher(output);
            long total = 0;
            boolean any = false;
            while (device.find()) {
                total += Long.parseLong(device.group(2)) * MIB;
                any = true;
            }
            return any ? Optional.of(total) : Optional.empty();
        }

        /** What the command printed (through a file, so a tool that hangs cannot block us past the timeout). */
        static Optional<String> output(List<String> command) {
            Path out = null;
            try {
                out = java.nio.file.Files.createTempFile("localbridge-probe", ".txt");
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.empty();
                }
                return process.exitValue() == 0
                        ? Optional.of(java.nio.file.Files.readString(out, StandardCharsets.UTF_8)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                if (out != null) {
                    out.toFile().delete();
                }
            }
        }
    }
}
