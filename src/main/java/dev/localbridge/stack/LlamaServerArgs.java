package dev.localbridge.stack;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * llama-server's command-line arguments: flags sound for agentic coding, each replaced by the user's own
 * when the extra arguments name it (or one of its aliases or its negation).
 */
public record LlamaServerArgs(List<String> args) {
    /** Context tokens each slot gets when the user does not say. */
    public static final int DEFAULT_CTX_PER_SLOT = 32768;

    /** Which model llama-server loads: a GGUF file, a Hugging Face repository, or whatever the extra arguments say. */
    public sealed interface Model {
        record File(java.nio.file.Path path) implements Model {
        }

        record HuggingFace(String repo) implements Model {
        }

        record FromExtraArgs() implements Model {
        }
    }

    /** A flag we set by default: its names (aliases and negations, any of which overrides it) and what we pass. */
    private record Flag(List<String> names, List<String> passed) {
        static Flag of(String names, String... passed) {
            return new Flag(List.of(names.split(" ")), List.of(passed));
        }
    }

    public LlamaServerArgs {
        args = List.copyOf(args);
    }

    /**
     * @param ctxPerSlot context tokens per request; llama-server gets {@code -c ctxPerSlot*parallel}
     * @param extra the user's own arguments, appended last
     */
    public static LlamaServerArgs of(String host, int port, Model model, int ctxPerSlot, int parallel,
                                     List<String> extra) {
        Objects.requireNonNull(model);
        if (parallel < 1 || ctxPerSlot < 1) {
            throw new StackException("--parallel and --ctx must be positive (got " + parallel + " and " + ctxPerSlot
                    + ")");
        }
        Set<String> named = new HashSet<>();
        extra.stream().filter(a -> a.startsWith("-")).forEach(named::add);
        List<String> args = new ArrayList<>();
        for (Flag flag : defaults(host, port, model, (long) ctxPerSlot * parallel, parallel)) {
            if (flag.names().stream().noneMatch(named::contains)) {
                args.addAll(flag.passed());
            }
        }
        args.addAll(extra);
        return new LlamaServerArgs(args);
    }

    private static List<Flag> defaults(String host, int port, Model model, long ctx, int parallel) {
        List<Flag> flags = new ArrayList<>(List.of(
                Flag.of("--host", "--host", host),
                Flag.of("--port", "--port", Integer.toString(port))));
        String sources = "-m --model -hf -hfr --hf-repo -mu --model-url -dr --docker-repo";
        switch (model) {
            case Model.File file -> flags.add(Flag.of(sources, "-m", file.path().toString()));
            case Model.HuggingFace hf -> flags.add(Flag.of(sources, "-hf", hf.repo()));
            case Model.FromExtraArgs none -> { }
        }
        flags.addAll(List.of(
                Flag.of("-c --ctx-size", "-c", Long.toString(ctx)),
                Flag.of("-np --parallel", "-np", Integer.toString(parallel)),
                Flag.of("--jinja --no-jinja", "--jinja"),
                Flag.of("-cb --cont-batching -nocb --no-cont-batching", "-cb"),
                Flag.of("--cache-reuse", "--cache-reuse", "256"),
                Flag.of("--no-webui --webui --ui --no-ui", "--no-webui"),
                Flag.of("--metrics", "--metrics"),
                Flag.of("--slots --no-slots", "--slots"),
                Flag.of("--reasoning-format", "--reasoning-format", "deepseek")));
        return flags;
    }

    /** The host llama-server binds (the last {@code --host}), 127.0.0.1 if none. */
    public String host() {
        return last("--host").orElse("127.0.0.1");
    }

    /** The port llama-server listens on (the last {@code --port}), llama-server's 8080 if none. */
    public int port() {
        String port = last("--port").orElse("8080");
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new StackException("llama-server's --port is not a number: " + port);
        }
    }

    /** The Hugging Face repository llama-server downloads its model from ({@code -hf}, {@code --hf-repo}), if any. */
    public java.util.Optional<String> hfRepo() {
        return last("-hf").or(() -> last("-hfr")).or(() -> last("--hf-repo"));
    }

    /** Where llama-server answers. */
    public URI url() {
        String host = host();
        String reachable = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "[::1]"
                : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + reachable + ":" + port());
    }

    private java.util.Optional<String> last(String flag) {
        int at = args.lastIndexOf(flag);
        return at >= 0 && at + 1 < args.size() ? java.util.Optional.of(args.get(at + 1)) : java.util.Optional.empty();
    }
}
