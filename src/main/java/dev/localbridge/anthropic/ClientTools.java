package dev.localbridge.anthropic;

import dev.localbridge.json.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Tools Anthropic defines but the client runs (the bash and text-editor tools, every published version): the
 * request names only the type, so the bridge supplies the input schema Anthropic documents and the model gets
 * an ordinary function tool. Server tools (web search, web fetch, code execution) run at Anthropic and have no
 * local equivalent.
 */
final class ClientTools {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonValue BASH = parse("""
            {"type":"object","properties":{
              "command":{"type":"string","description":"The shell command to run."},
              "restart":{"type":"boolean","description":"Restart the shell session instead of running a command."}}}
            """);
    private static final JsonValue EDITOR = parse("""
            {"type":"object","properties":{
              "command":{"type":"string","enum":["view","create","str_replace","insert","undo_edit"]},
              "path":{"type":"string","description":"Absolute path of the file or directory."},
              "file_text":{"type":"string","description":"create: the new file's content."},
              "old_str":{"type":"string","description":"str_replace: the exact text to replace."},
              "new_str":{"type":"string","description":"str_replace: the replacement; insert (older versions): the text to insert."},
              "insert_line":{"type":"integer","description":"insert: the line after which to insert (0 = start)."},
              "insert_text":{"type":"string","description":"insert: the text to insert."},
              "view_range":{"type":"array","items":{"type":"integer"},"description":"view: first and last line."}},
             "required":["command","path"]}
            """);

    private ClientTools() {
    }

    /** The function tool for a client tool type, or null when the type is not one. */
    static Tool define(String type, String name) {
        return switch (type) {
            case "bash_20241022", "bash_20250124" -> new Tool(name,
                    "Run a command in a persistent bash shell on the user's machine and return its output.", BASH, false);
            case "text_editor_20241022", "text_editor_20250124", "text_editor_20250429", "text_editor_20250728" ->
                    new Tool(name, "View, create and edit text files on the user's machine: view a file or directory, "
                            + "create a file, replace an exact string, insert text after a line.", EDITOR, false);
            default -> null;
        };
    }

    private static JsonValue parse(String json) {
        try {
            return JsonValue.adopt(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
