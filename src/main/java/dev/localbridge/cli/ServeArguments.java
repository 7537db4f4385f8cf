package dev.localbridge.cli;

import dev.localbridge.config.ConfiguredValues;
import dev.localbridge.config.LoopLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads {@code localbridge serve …} without picocli, whose command model costs 200-300 ms of a cold start (measured:
 * more than the rest of the start together). Picocli's classes are Java 5 bytecode, which the JDK's start-up cache
 * cannot keep, and its model is built by reflection over every command; reading the {@code @Option} annotations
 * here instead would still cost ~100 ms (annotation proxies, reflective field writes). So {@link #OPTIONS} lists
 * {@code serve}'s options with picocli's names, defaults and split, and {@code ServeArgumentsTest} checks the list
 * against the annotations, option by option, and both readings against each other.
 *
 * <p>Values come from the same sources in the same order: the command line, then for the shared options
 * ({@link BridgeOptions}) {@code LOCALBRIDGE_<NAME>} and the config file ({@link ConfiguredValues}), then the default.
 * Only plain command lines are read here: anything else (help, an unknown or repeated option, a value that starts with
 * {@code -} or {@code @}, quotes, an empty list item, a number picocli might read differently, a value that does not
 * convert) gives empty, and picocli reads the whole command line, with its usual messages.
 */
final class ServeArguments {

    /** How an option's text becomes its value. */
    enum Kind {
        STRING, INT, LONG, FLAG, URI_LIST, STRING_LIST, STRING_MAP, PATH, LOOP_LIMITS
    }

    /** One option of {@code serve}: its name, whether it is configuration, its default (null: none), its field. */
    record Spec(String name, boolean shared, String defaultValue, Kind kind, BiConsumer<ServeCommand, Object> field) {
        boolean multiple() {
            return kind == Kind.URI_LIST || kind == Kind.STRING_LIST || kind == Kind.STRING_MAP;
        }
    }

    /** Thrown when the command line is not plain: picocli reads it. */
    private static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    static final List<Spec> OPTIONS = List.of(
            shared("--port", "8082", Kind.INT, (s, v) -> s.options.port = (int) v),
            shared("--host", "127.0.0.1", Kind.STRING, (s, v) -> s.options.host = (String) v),
            shared("--backend", "http://127.0.0.1:8080", Kind.URI_LIST, (s, v) -> s.options.backends = list(v)),
            shared("--slot-affinity", null, Kind.FLAG, (s, v) -> s.options.slotAffinity = (boolean) v),
            shared("--backend-api-key", null, Kind.STRING, (s, v) -> s.options.backendApiKey = (String) v),
            shared("--api-keys", null, Kind.STRING_LIST, (s, v) -> s.options.apiKeys = list(v)),
            shared("--model-map", null, Kind.STRING_MAP, (s, v) -> s.options.modelMap = map(v)),
            shared("--output-ceiling", "16384", Kind.INT, (s, v) -> s.options.outputCeiling = (int) v),
            shared("--ctx", "0", Kind.INT, (s, v) -> s.options.ctx = (int) v),
            shared("--min-output-tokens", "2048", Kind.INT, (s, v) -> s.options.minOutputTokens = (int) v),
            shared("--ping-interval-ms", "2000", Kind.LONG, (s, v) -> s.options.pingIntervalMs = (long) v),
            shared("--max-body-mb", "32", Kind.LONG, (s, v) -> s.options.maxBodyMb = (long) v),
            shared("--count-grace-ms", "1000", Kind.LONG, (s, v) -> s.options.countGraceMs = (long) v),
            shared("--upstream-first-byte-s", "120", Kind.LONG, (s, v) -> s.options.upstreamFirstByteS = (long) v),
            shared("--upstream-prefill-s-per-1k", "20", Kind.LONG,
                    (s, v) -> s.options.upstreamPrefillSPer1k = (long) v),
            shared("--upstream-idle-s", "60", Kind.LONG, (s, v) -> s.options.upstreamIdleS = (long) v),
            shared("--upstream-error-body-kb", "64", Kind.INT, (s, v) -> s.options.upstreamErrorBodyKb = (int) v),
            shared("--header-timeout-s", "10", Kind.LONG, (s, v) -> s.options.headerTimeoutS = (long) v),
            shared("--body-timeout-s", "60", Kind.LONG, (s, v) -> s.options.bodyTimeoutS = (long) v),
            shared("--max-connections", "2048", Kind.INT, (s, v) -> s.options.maxConnections = (int) v),
            shared("--max-connections-per-client", "1024", Kind.INT,
                    (s, v) -> s.options.maxConnectionsPerClient = (int) v),
            shared("--max-concurrent-requests", "1024", Kind.INT,
                    (s, v) -> s.options.maxConcurrentRequests = (int) v),
            shared("--max-inflight-mb", "128", Kind.LONG, (s, v) -> s.options.maxInflightMb = (long) v),
            shared("--allow-public-backend", "false", Kind.FLAG, (s, v) -> s.options.allowPublicBackend = (boolean) v),
            shared("--image-urls", "limited", Kind.STRING, (s, v) -> s.options.imageUrls = (String) v),
            shared("--request-log", null, Kind.PATH, (s, v) -> s.options.requestLog = (Path) v),
            shared("--loop-detection", "300,8,400", Kind.LOOP_LIMITS,
                    (s, v) -> s.options.loopDetection = (LoopLimits) v),
            new Spec("--config", false, null, Kind.PATH, (s, v) -> s.poolFile = (Path) v));

    private ServeArguments() {
    }

    /** {@code serve}'s command with its options set, when {@code args} is a plain {@code serve} command line. */
    static Optional<ServeCommand> read(String[] args, ConfiguredValues configured) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return Optional.empty();
        }
        ServeCommand serve = new ServeCommand();
        serve.options = new BridgeOptions();
        try {
            Map<Spec, List<String>> given = given(args);
            for (Spec spec : OPTIONS) {
                List<String> values = given.get(spec);
                String configuredValue = spec.shared() ? configured.get(spec.name().substring(2)) : null;
                String fallback = configuredValue != null ? configuredValue : spec.defaultValue();
                // Picocli turns a flag whose default is true off: left to it, rather than repeated here.
                require(values == null || spec.kind() != Kind.FLAG || fallback == null || !flag(fallback));
                if (values == null) {
                    values = fallback == null ? null : List.of(fallback);
                }
                if (values != null) {
                    spec.field().accept(serve, convert(spec, values));
                }
            }
            return Optional.of(serve);
        } catch (NotPlain e) {
            return Optional.empty();
        }
    }

    /** The values given on the command line, per option, in order. */
    private static Map<Spec, List<String>> given(String[] args) throws NotPlain {
        Map<String, Spec> byName = new HashMap<>();
        OPTIONS.forEach(spec -> byName.put(spec.name(), spec));
        Map<Spec, List<String>> given = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            Spec spec = byName.get(equals > 0 ? arg.substring(0, equals) : arg);
            require(spec != null);
            String value;
            if (spec.kind() == Kind.FLAG) {
                require(equals < 0);
                value = "true";
            } else if (equals > 0) {
                value = arg.substring(equals + 1);
            } else {
                require(i + 1 < args.length);
                value = args[++i];
                require(!value.startsWith("-"));
            }
            require(!value.startsWith("@") && value.indexOf('"') < 0 && value.indexOf('\'') < 0);
            List<String> values = given.computeIfAbsent(spec, s -> new ArrayList<>());
            require(values.isEmpty() || spec.multiple());
            values.add(value);
        }
        return given;
    }

    private static Object convert(Spec spec, List<String> values) throws NotPlain {
        require(values.stream().noneMatch(value -> value.contains("${")));
        return switch (spec.kind()) {
            case URI_LIST -> {
                List<URI> uris = new ArrayList<>();
                for (String item : items(values)) {
                    uris.add(uri(item));
                }
                yield uris;
            }
            case STRING_LIST -> items(values);
            case STRING_MAP -> {
                Map<String, String> map = new LinkedHashMap<>();
                for (String entry : items(values)) {
                    int equals = entry.indexOf('=');
                    require(equals > 0);
                    map.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
                yield map;
            }
            case STRING -> values.getFirst();
            case INT -> Math.toIntExact(number(values.getFirst(), Integer.MIN_VALUE, Integer.MAX_VALUE));
            case LONG -> number(values.getFirst(), Long.MIN_VALUE, Long.MAX_VALUE);
            case FLAG -> flag(values.getFirst());
            case PATH -> path(values.getFirst());
            case LOOP_LIMITS -> loopLimits(values.getFirst());
        };
    }

    /** Every comma-separated item of every value; an empty one is not plain. */
    private static List<String> items(List<String> values) throws NotPlain {
        List<String> items = new ArrayList<>();
        for (String value : values) {
            items.addAll(List.of(value.split(",", -1)));
        }
        require(items.stream().noneMatch(String::isEmpty));
        return items;
    }

    /** Decimal digits, an optional minus and no leading zero: what picocli and {@code Long.parseLong} read alike. */
    private static long number(String value, long min, long max) throws NotPlain {
        int first = value.startsWith("-") ? 1 : 0;
        require(value.length() > first && value.length() - first <= 18
                && (value.charAt(first) != '0' || value.length() == first + 1));
        for (int i = first; i < value.length(); i++) {
            require(value.charAt(i) >= '0' && value.charAt(i) <= '9');
        }
        long number = Long.parseLong(value);
        require(number >= min && number <= max);
        return number;
    }

    private static boolean flag(String value) throws NotPlain {
        String lower = value.toLowerCase(Locale.ROOT);
        require(lower.equals("true") || lower.equals("false"));
        return lower.equals("true");
    }

    private static URI uri(String value) throws NotPlain {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new NotPlain();
        }
    }

    private static Path path(String value) throws NotPlain {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new NotPlain();
        }
    }

    private static LoopLimits loopLimits(String value) throws NotPlain {
        try {
            return LoopLimits.parse(value);
        } catch (IllegalArgumentException e) {
            throw new NotPlain();
        }
    }

    private static void require(boolean plain) throws NotPlain {
        if (!plain) {
            throw new NotPlain();
        }
    }

    private static Spec shared(String name, String defaultValue, Kind kind, BiConsumer<ServeCommand, Object> field) {
        return new Spec(name, true, defaultValue, kind, field);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(Object value) {
        return (Map<String, String>) value;
    }
}
