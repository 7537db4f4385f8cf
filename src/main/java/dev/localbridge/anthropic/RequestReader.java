package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import static dev.localbridge.anthropic.JsonFields.invalid;
import static dev.localbridge.anthropic.JsonFields.join;
import static dev.localbridge.anthropic.JsonFields.optionalArray;
import static dev.localbridge.anthropic.JsonFields.optionalBoolean;
import static dev.localbridge.anthropic.JsonFields.optionalInt;
import static dev.localbridge.anthropic.JsonFields.optionalNumber;
import static dev.localbridge.anthropic.JsonFields.optionalString;
import static dev.localbridge.anthropic.JsonFields.requireObject;
import static dev.localbridge.anthropic.JsonFields.requireString;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.localbridge.error.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and validates an inbound Messages API request body.
 *
 * <p>Unknown top-level fields are accepted and ignored (Claude Code adds one almost every release:
 * {@code context_management}, {@code safeguards}, …); unknown content blocks are rejected, never dropped.
 */
public final class RequestReader {
    /** Deepest nesting accepted: well below what the upstream writer allows, so a valid request always translates. */
    public static final int MAX_NESTING_DEPTH = 500;
    /**
     * Strings as long as the body that carries them (the body limit bounds them: Jackson's own 20-million-character
     * cap would refuse a valid 25 MB prompt), nesting bounded.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build());

    private RequestReader() {
    }

    /** Reads a {@code /v1/messages} body ({@code maxTokensRequired}) or a {@code count_tokens} body. */
    public static MessagesRequest read(byte[] body, boolean maxTokensRequired) {
        return read(parse(body), maxTokensRequired);
    }

    public static JsonNode parse(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw ApiException.invalidRequest("request body is empty; expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw ApiException.invalidRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.invalidRequest("request body could not be read: " + e.getMessage());
        }
    }

    public static MessagesRequest read(JsonNode root, boolean maxTokensRequired) {
        requireObject(root, "body");
        String model = requireString(root, "model", "");
        if (model.isBlank()) {
            throw invalid("model", "must not be empty");
        }
        Integer maxTokens = optionalInt(root, "max_tokens", "");
        if (maxTokens == null && maxTokensRequired) {
            throw invalid("max_tokens", "field required");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw invalid("max_tokens", "must be at least 1, got " + maxTokens);
        }
        return new MessagesRequest(model, maxTokens == null ? 0 : maxTokens,
                readSystem(root.get("system")),
                readMessages(root.get("messages")),
                readTools(optionalArray(root, "tools", "")),
                readToolChoice(root.get("tool_choice")),
                readStrings(optionalArray(root, "stop_sequences", ""), "stop_sequences"),
                readRange(root, "temperature", 0, 2),
                readRange(root, "top_p", 0, 1),
                readTopK(root),
                readUserId(root.get("metadata")),
                readThinking(root.get("thinking"), maxTokens),
                readOutputConfig(root.get("output_config")),
                optionalBoolean(root, "stream", "", false));
    }

    private static List<ContentBlock.Text> readSystem(JsonNode system) {
        if (system == null || system.isNull()) {
            return List.of();
        }
        if (system.isTextual()) {
            return List.of(new ContentBlock.Text(system.textValue()));
        }
        if (!system.isArray()) {
            throw invalid("system", "expected a string or an array of text blocks, got " + JsonFields.describe(system));
        }
        List<ContentBlock.Text> blocks = new ArrayList<>(system.size());
        for (int i = 0; i < system.size(); i++) {
            String path = "system." + i;
            JsonNode block = requireObject(system.get(i), path);
            String type = requireString(block, "type", path);
            if (!type.equals("text")) {
                throw invalid(path + ".type", "system blocks must be text, got \"" + type + "\"");
            }
            blocks.add(new ContentBlock.Text(requireString(block, "text", path)));
        }
        return blocks;
    }

    private static List<Message> readMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw invalid("messages", "field required");
        }
        if (!messages.isArray()) {
            throw invalid("messages", "expected an array, got " + JsonFields.describe(messages));
        }
        if (messages.isEmpty()) {
            throw invalid("messages", "at least one message is required");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages." + i;
            JsonNode message = requireObject(messages.get(i), path);
            Role role = readRole(requireString(message, "role", path), path);
            out.add(new Message(role, BlockReader.readContent(message.get("content"), role, path + ".content")));
        }
        return out;
    }

    private static Role readRole(String role, String path) {
        return switch (role) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system" -> Role.SYSTEM;
            default -> throw invalid(path + ".role", "expected \"user\", \"assistant\" or \"system\", got \"" + role + "\"");
        };
    }

    private static List<Tool> readTools(JsonNode tools) {
        if (tools == null) {
            return List.of();
        }
        List<Tool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            out.add(readTool(tools.get(i), "tools." + i));
        }
        return out;
    }

    private static Tool readTool(JsonNode tool, String path) {
        requireObject(tool, path);
        String type = optionalString(tool, "type", path);
        String name = requireString(tool, "name", path);
        if (type != null && !type.equals("custom")) {
            Tool client = ClientTools.define(type, name);
            if (client == null) {
                throw invalid(join(path, "type"), "\"" + type + "\" (tool \"" + name
                        + "\") is a server tool that runs at Anthropic, which a local backend cannot run");
            }
            return client;
        }
        JsonNode schema = tool.get("input_schema");
        if (schema == null || schema.isNull()) {
            throw invalid(join(path, "input_schema"), "field required");
        }
        requireObject(schema, join(path, "input_schema"));
        String description = optionalString(tool, "description", path);
        return new Tool(name, description == null ? "" : description, JsonValue.adopt(schema),
                optionalBoolean(tool, "defer_loading", path, false));
    }

    private static ToolChoice readToolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return ToolChoice.DEFAULT;
        }
        requireObject(choice, "tool_choice");
        String type = requireString(choice, "type", "tool_choice");
        boolean parallel = !optionalBoolean(choice, "disable_parallel_tool_use", "tool_choice", false);
        return switch (type) {
            case "auto" -> new ToolChoice.Auto(parallel);
            case "any" -> new ToolChoice.Any(parallel);
            case "tool" -> new ToolChoice.Named(requireString(choice, "name", "tool_choice"), parallel);
            case "none" -> new ToolChoice.None();
            default -> throw invalid("tool_choice.type",
                    "expected \"auto\", \"any\", \"tool\" or \"none\", got \"" + type + "\"");
        };
    }

    private static List<String> readStrings(JsonNode array, String path) {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (!value.isTextual()) {
                throw invalid(path + "." + i, "expected a string, got " + JsonFields.describe(value));
            }
            if (!value.textValue().isEmpty()) {
                out.add(value.textValue());
            }
        }
        return out;
    }

    private static Double readRange(JsonNode root, String field, double min, double max) {
        Double value = optionalNumber(root, field, "");
        if (value != null && (value < min || value > max)) {
            throw invalid(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static Integer readTopK(JsonNode root) {
        Integer value = optionalInt(root, "top_k", "");
        if (value != null && value < 0) {
            throw invalid("top_k", "must not be negative, got " + value);
        }
        return value;
    }

    private static String readUserId(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        requireObject(metadata, "metadata");
        return optionalString(metadata, "user_id", "metadata");
    }

    private static Thinking readThinking(JsonNode thinking, Integer maxTokens) {
        if (thinking == null || thinking.isNull()) {
            return Thinking.DISABLED;
        }
        requireObject(thinking, "thinking");
        String type = requireString(thinking, "type", "thinking");
        return switch (type) {
            case "enabled" -> readEnabledThinking(thinking, maxTokens);
            case "adaptive" -> new Thinking.Adaptive();
            case "disabled" -> Thinking.DISABLED;
            default -> throw invalid("thinking.type",
                    "expected \"enabled\", \"adaptive\" or \"disabled\", got \"" + type + "\"");
        };
    }

    private static Thinking readEnabledThinking(JsonNode thinking, Integer maxTokens) {
        Integer budget = optionalInt(thinking, "budget_tokens", "thinking");
        if (budget == null) {
            throw invalid("thinking.budget_tokens", "field required when thinking is enabled");
        }
        if (budget < 1) {
            throw invalid("thinking.budget_tokens", "must be at least 1, got " + budget);
        }
        if (maxTokens != null && budget >= maxTokens) {
            throw invalid("thinking.budget_tokens", "must be less than max_tokens (" + maxTokens + "), got " + budget);
        }
        return new Thinking.Enabled(budget);
    }

    private static OutputConfig readOutputConfig(JsonNode config) {
        if (config == null || config.isNull()) {
            return OutputConfig.NONE;
        }
        requireObject(config, "output_config");
        String wire = optionalString(config, "effort", "output_config");
        Effort effort = wire == null ? null : Effort.fromWire(wire).orElseThrow(() -> invalid("output_config.effort",
                "expected low, medium, high, xhigh or max, got \"" + wire.toLowerCase(Locale.ROOT) + "\""));
        JsonNode schema = readFormat(config.get("format"));
        return new OutputConfig(effort, schema == null ? null : JsonValue.adopt(schema));
    }

    private static JsonNode readFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        requireObject(format, "output_config.format");
        String type = requireString(format, "type", "output_config.format");
        if (!type.equals("json_schema")) {
            throw invalid("output_config.format.type", "expected \"json_schema\", got \"" + type + "\"");
        }
        JsonNode schema = format.get("schema");
        if (schema == null || schema.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        return requireObject(schema, "output_config.format.schema");
    }
}
