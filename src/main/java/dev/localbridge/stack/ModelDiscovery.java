package dev.localbridge.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code up} without a model: finds the GGUF models on the machine, says what it found (size, training context,
 * where), reads the GPU's free memory and makes the {@link ModelChoice}. Where to look, the GPU reading and the network
 * check are injected, so tests run on fake trees with no GPU and no download.
 */
public record ModelDiscovery(ModelLocations locations, GpuMemory gpu, BooleanSupplier online) {
    private static final String HUGGING_FACE = "huggingface.co";

    /** The real machine: the user's home and environment, nvidia-smi or llama-server, and a connect to Hugging Face. */
    public static ModelDiscovery system(Map<String, String> environment, Optional<Path> modelsDir,
                                        Supplier<Path> llamaServer) {
        return new ModelDiscovery(ModelLocations.standard(Path.of(System.getProperty("user.home")), environment,
                modelsDir), GpuMemory.system(environment.get("PATH"), llamaServer), ModelDiscovery::reachesHuggingFace);
    }

    /** Finds, lists (through {@code say}, one line each) and chooses. */
    public ModelChoice.Choice choose(Consumer<String> say) {
        List<LocalModel> models = ModelFinder.find(locations);
        listing(models).forEach(say);
        return ModelChoice.choose(models, gpu.read(), online);
    }

    /** "Found 2 GGUF models:" and one line each: size, training context, name, where, path. */
    public List<String> listing(List<LocalModel> models) {
        List<String> lines = new ArrayList<>();
        String places = locations.all().stream().map(Path::toString).collect(Collectors.joining(", "));
        if (models.isEmpty()) {
            lines.add("No GGUF model found (looked in " + places + ")");
            return lines;
        }
        lines.add("Found " + (models.size() == 1 ? "1 GGUF model" : models.size() + " GGUF models") + ":");
        int width = Math.min(48, models.stream().mapToInt(m -> m.name().length()).max().orElse(0));
        for (LocalModel m : models) {
            String context = m.contextLength() > 0 ? String.format(Locale.ROOT, "ctx %7d", m.contextLength())
                    : "ctx       ?";
            lines.add(String.format(Locale.ROOT, "  %9s  %s  %-" + width + "s  %-18s %s%s", ModelChoice.gb(m.bytes()),
                    context, m.name(), m.source().label(), m.path(),
                    ModelChoice.usable(m) ? "" : "  (context too short for Claude Code)"));
        }
        return lines;
    }

    private static boolean reachesHuggingFace() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HUGGING_FACE, 443), 3000);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
