package dev.localbridge.translate.toolcall;

import dev.localbridge.json.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.localbridge.anthropic.Tool;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools of a request, by name, with their {@code input_schema} compiled on first use: a call recovered
 * from a model's text becomes a tool call only if it names one of these and its input validates.
 * Remote {@code $ref}s are never fetched (the translation core does no I/O): a schema that needs one rejects.
 */
public final class ToolSet {
    public static final ToolSet NONE = new ToolSet(Map.of());
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private static final int MAX_REPORTED = 3;

    /** Recent tool sets: Claude Code sends the same tools with every request, so streams share one set. */
    private static final int REMEMBERED = 64;
    private static final Map<Map<String, JsonValue>, ToolSet> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, JsonValue>, ToolSet> eldest) {
            return size() > REMEMBERED;
        }
    };

    private final Map<String, JsonValue> schemas;
    private final Map<String, JsonNode> trees = new ConcurrentHashMap<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private ToolSet(Map<String, JsonValue> schemas) {
        this.schemas = schemas;
    }

    /**
     * The set of {@code tools}: one instance for every request with the same tool schemas, so a thousand open
     * streams hold one copy of them (and compile each schema once).
     */
    public static ToolSet of(List<Tool> tools) {
        Map<String, JsonValue> schemas = new LinkedHashMap<>();
        for (Tool tool : tools) {
            if (!tool.deferLoading()) {
                schemas.put(tool.name(), tool.inputSchema());
            }
        }
        if (schemas.isEmpty()) {
            return NONE;
        }
        synchronized (RECENT) {
            return RECENT.computeIfAbsent(schemas, ToolSet::new);
        }
    }

    public boolean isEmpty() {
        return schemas.isEmpty();
    }

    public boolean has(String name) {
        return schemas.containsKey(name);
    }

    /** Why the input does not satisfy the tool's schema (at most a few reasons), or null when it does. */
    public String violations(String name, JsonNode input) {
        Schema schema;
        try {
            schema = compiled.computeIfAbsent(name, n -> REGISTRY.getSchema(tree(n)));
        } catch (RuntimeException e) {
            return "the tool's input_schema cannot be used for validation (" + e.getMessage() + ")";
        }
        List<Error> errors;
        try {
            errors = schema.validate(input);
        } catch (RuntimeException e) {
            return "the tool's input_schema cannot be used for validation (" + e.getMessage() + ")";
        }
        if (errors.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_REPORTED, errors.size()); i++) {
            out.append(i == 0 ? "" : "; ").append(errors.get(i).getMessage());
        }
        return out.toString();
    }

    /** The declared JSON type of one property ("string", "integer", …), or null when not declared. */
    public String propertyType(String tool, String property) {
        JsonNode schema = schemas.containsKey(tool) ? tree(tool) : null;
        JsonNode type = schema == null ? null : schema.path("properties").path(property).get("type");
        return type != null && type.isTextual() ? type.textValue() : null;
    }

    /** The schema's tree, copied out of its immutable value once per request and tool. */
    private JsonNode tree(String tool) {
        return trees.computeIfAbsent(tool, name -> schemas.get(name).tree());
    }
}
