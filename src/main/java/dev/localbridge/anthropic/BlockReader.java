package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import static dev.localbridge.anthropic.JsonFields.invalid;
import static dev.localbridge.anthropic.JsonFields.join;
import static dev.localbridge.anthropic.JsonFields.optionalBoolean;
import static dev.localbridge.anthropic.JsonFields.optionalString;
import static dev.localbridge.anthropic.JsonFields.requireObject;
import static dev.localbridge.anthropic.JsonFields.requireString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/** Reads content blocks. Every block type Anthropic defines is either translated or rejected with a clear reason. */
final class BlockReader {
    private BlockReader() {
    }

    /** Reads {@code content}: a string (one text block) or an array of blocks allowed for the role. */
    static List<ContentBlock> readContent(JsonNode content, Role role, String path) {
        if (content == null || content.isNull()) {
            throw invalid(path, "field required");
        }
        if (content.isTextual()) {
            return List.of(new ContentBlock.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw invalid(path, "expected a string or an array of content blocks, got " + JsonFields.describe(content));
        }
        List<ContentBlock> blocks = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            blocks.add(readBlock(content.get(i), role, path + "." + i));
        }
        return blocks;
    }

    static ContentBlock readBlock(JsonNode node, Role role, String path) {
        requireObject(node, path);
        String type = requireString(node, "type", path);
        ContentBlock block = switch (type) {
            case "text" -> new ContentBlock.Text(requireString(node, "text", path));
            case "image" -> new ContentBlock.Image(readImageSource(node.get("source"), join(path, "source")));
            case "tool_use" -> readToolUse(node, path);
            case "tool_result" -> readToolResult(node, path);
            case "thinking" -> new ContentBlock.Thinking(requireString(node, "thinking", path),
                    orEmpty(optionalString(node, "signature", path)));
            case "redacted_thinking" -> new ContentBlock.RedactedThinking(requireString(node, "data", path));
            case "document" -> readDocument(node, path);
            case "server_tool_use", "web_search_tool_result", "web_fetch_tool_result", "code_execution_tool_result",
                 "bash_code_execution_tool_result", "text_editor_code_execution_tool_result", "mcp_tool_use",
                 "mcp_tool_result", "container_upload", "tool_search_tool_result" -> throw invalid(join(path, "type"),
                    "\"" + type + "\" blocks belong to Anthropic-hosted tools, which a local backend cannot run");
            case "search_result" -> throw invalid(join(path, "type"),
                    "\"search_result\" blocks are not supported by Local Bridge; send the results as text blocks");
            default -> throw invalid(join(path, "type"), "unknown content block type \"" + type + "\"");
        };
        checkAllowed(block, role, type, path);
        return block;
    }

    private static void checkAllowed(ContentBlock block, Role role, String type, String path) {
        boolean allowed = switch (role) {
            case USER -> block instanceof ContentBlock.Text || block instanceof ContentBlock.Image
                    || block instanceof ContentBlock.ToolResult || block instanceof ContentBlock.Document;
            case ASSISTANT -> block instanceof ContentBlock.Text || block instanceof ContentBlock.ToolUse
                    || block instanceof ContentBlock.Thinking || block instanceof ContentBlock.RedactedThinking;
            case SYSTEM -> block instanceof ContentBlock.Text;
        };
        if (!allowed) {
            throw invalid(join(path, "type"), "\"" + type + "\" blocks are not allowed in "
                    + role.name().toLowerCase(java.util.Locale.ROOT) + " messages");
        }
    }

    private static ContentBlock.ToolUse readToolUse(JsonNode node, String path) {
        String id = requireString(node, "id", path);
        String name = requireString(node, "name", path);
        JsonNode input = node.get("input");
        if (input == null || input.isNull()) {
            input = JsonNodeFactory.instance.objectNode();
        } else if (!input.isObject()) {
            throw invalid(join(path, "input"), "expected an object, got " + JsonFields.describe(input));
        }
        return new ContentBlock.ToolUse(id, name, JsonValue.adopt(input));
    }

    private static ContentBlock.ToolResult readToolResult(JsonNode node, String path) {
        String toolUseId = requireString(node, "tool_use_id", path);
        boolean isError = optionalBoolean(node, "is_error", path, false);
        JsonNode content = node.get("content");
        String contentPath = join(path, "content");
        List<ContentBlock> blocks = new ArrayList<>();
        if (content == null || content.isNull()) {
            // An empty result: allowed by Anthropic.
        } else if (content.isTextual()) {
            blocks.add(new ContentBlock.Text(content.textValue()));
        } else if (content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                blocks.add(readToolResultPart(content.get(i), contentPath + "." + i));
            }
        } else {
            throw invalid(contentPath, "expected a string or an array of blocks, got " + JsonFields.describe(content));
        }
        return new ContentBlock.ToolResult(toolUseId, blocks, isError);
    }

    private static ContentBlock readToolResultPart(JsonNode node, String path) {
        ContentBlock block = readBlock(node, Role.USER, path);
        return switch (block) {
            case ContentBlock.Text text -> text;
            case ContentBlock.Image image -> image;
            case ContentBlock.Document document -> new ContentBlock.Text(DocumentText.render(document));
            case ContentBlock.ToolResult ignored -> throw invalid(join(path, "type"),
                    "a tool_result cannot contain another tool_result");
            case ContentBlock.ToolUse ignored -> throw new IllegalStateException("not a user block");
            case ContentBlock.Thinking ignored -> throw new IllegalStateException("not a user block");
            case ContentBlock.RedactedThinking ignored -> throw new IllegalStateException("not a user block");
        };
    }

    static ImageSource readImageSource(JsonNode source, String path) {
        requireObject(source, path);
        String type = requireString(source, "type", path);
        return switch (type) {
            case "base64" -> new ImageSource.Base64(requireString(source, "media_type", path),
                    requireString(source, "data", path));
            case "url" -> new ImageSource.Url(requireString(source, "url", path));
            case "file" -> throw invalid(join(path, "type"),
                    "file sources refer to Anthropic's Files API, which a local backend does not have; send base64 data");
            default -> throw invalid(join(path, "type"), "unknown image source type \"" + type + "\"");
        };
    }

    private static ContentBlock.Document readDocument(JsonNode node, String path) {
        String sourcePath = join(path, "source");
        JsonNode source = requireObject(node.get("source"), sourcePath);
        String type = requireString(source, "type", sourcePath);
        String text = switch (type) {
            case "text" -> requireString(source, "data", sourcePath);
            case "content" -> readDocumentContent(source.get("content"), join(sourcePath, "content"));
            case "base64", "url", "file" -> throw invalid(join(sourcePath, "type"),
                    "document source \"" + type + "\" (PDF) is not supported by local backends; send the text"
                            + " as a text source or a text block");
            default -> throw invalid(join(sourcePath, "type"), "unknown document source type \"" + type + "\"");
        };
        return new ContentBlock.Document(optionalString(node, "title", path), optionalString(node, "context", path),
                text);
    }

    private static String readDocumentContent(JsonNode content, String path) {
        if (content != null && content.isTextual()) {
            return content.textValue();
        }
        if (content == null || !content.isArray()) {
            throw invalid(path, "expected a string or an array of text blocks, got " + JsonFields.describe(content));
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = requireObject(content.get(i), path + "." + i);
            String type = requireString(part, "type", path + "." + i);
            if (!type.equals("text")) {
                throw invalid(path + "." + i + ".type", "document content may hold only text blocks, got \"" + type + "\"");
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(requireString(part, "text", path + "." + i));
        }
        return text.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
