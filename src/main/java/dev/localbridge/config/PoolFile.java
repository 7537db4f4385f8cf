package dev.localbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pool file ({@code localbridge serve --config pool.yaml}). Every mistake is an
 * {@link IllegalArgumentException} naming the field; unknown fields are mistakes too, so a typo never silently
 * falls back to a default. The format is in the README's "Scaling out" section.
 */
public final class PoolFile {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of("backends", "routes", "queue", "session_quiet");
    private static final Set<String> BACKEND = Set.of("name", "url", "key", "models", "weight", "max_concurrent",
            "kind");
    private static final Set<String> ROUTES = Set.of("background", "reasoning");
    private static final Set<String> QUEUE = Set.of("max_waiting", "max_wait");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private PoolFile() {
    }

    public static PoolConfig read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the pool file " + file + ": " + e.getMessage(), e);
        }
    }

    public static PoolConfig parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the pool file is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the pool file must be a mapping with a `backends` list");
        }
        known(root, TOP, "");
        JsonNode list = root.path("backends");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("backends: a list of at least one backend is required");
        }
        List<BackendSpec> backends = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            backends.add(backend(list.get(i), "backends[" + i + "]"));
        }
        JsonNode routes = root.path("routes");
        known(routes, ROUTES, "routes.");
        JsonNode queue = root.path("queue");
        known(queue, QUEUE, "queue.");
        return new PoolConfig(backends,
                new ScenarioModels(text(routes, "background", "routes.background"),
                        text(routes, "reasoning", "routes.reasoning")),
                integer(queue, "max_waiting", "queue.max_waiting", PoolConfig.DEFAULT_MAX_WAITING),
                duration(queue, "max_wait", "queue.max_wait", PoolConfig.DEFAULT_MAX_WAIT),
                duration(root, "session_quiet", "session_quiet", PoolConfig.DEFAULT_SESSION_QUIET));
    }

    private static BackendSpec backend(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": a backend is a mapping with at least `url`");
        }
        known(node, BACKEND, where + ".");
        String url = text(node, "url", where + ".url");
        if (url == null) {
            throw new IllegalArgumentException(where + ".url is required");
        }
        URI uri = URI.create(url);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException(where + ".url must be an http(s) URL, got \"" + url + "\"");
        }
        String name = text(node, "name", where + ".name");
        String kind = text(node, "kind", where + ".kind");
        return new BackendSpec(name == null ? BackendSpec.defaultName(uri) : name, uri, text(node, "key",
                where + ".key"), models(node.path("models"), where + ".models"),
                integer(node, "weight", where + ".weight", 1),
                integer(node, "max_concurrent", where + ".max_concurrent", 0),
                kind == null ? BackendKind.AUTO : BackendKind.parse(kind));
    }

    private static List<String> models(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " must be a list of model names");
        }
        List<String> models = new ArrayList<>();
        node.forEach(model -> models.add(model.asText()));
        return models;
    }

    private static void known(JsonNode node, Set<String> fields, String prefix) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(prefix.isEmpty() ? "the pool file must be a mapping"
                    : prefix.substring(0, prefix.length() - 1) + " must be a mapping");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IllegalArgumentException("unknown field " + prefix + name + " (known: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + " must be a non-empty string");
        }
        return value.asText().strip();
    }

    private static int integer(JsonNode node, String field, String where, int fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(where + " must be a whole number, got " + value);
        }
        return value.asInt();
    }

    /** {@code 60s}, {@code 2m}, {@code 500ms}, {@code 1h}, or a number of seconds. */
    static Duration duration(JsonNode node, String field, String where, Duration fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.asText().strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(where + " must be a duration such as 500ms, 60s, 2m or 1h; got "
                    + value.asText());
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
