package dev.localbridge.translate.toolcall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the calls out of one complete candidate: names and raw argument text, before any validation.
 * Returns null when the candidate does not have the shape of its format (it then stays text).
 */
final class CallSyntax {
    /** A call as written: the tool's name and its arguments as text (maybe almost-JSON). */
    record RawCall(String name, String arguments) {
    }

    private static final Pattern NAME_FIELD = Pattern.compile("\"(?:name|function)\"\\s*:\\s*\"([^\"]{1,128})\"");
    private static final Pattern PARAMETER = Pattern.compile("<parameter=([^>\\n]{1,128})>(.*?)</parameter>",
            Pattern.DOTALL);
    private static final String DS_CALL = "<｜tool▁call▁begin｜>";
    private static final String DS_CALL_END = "<｜tool▁call▁end｜>";
    private static final String DS_SEP = "<｜tool▁sep｜>";

    private CallSyntax() {
    }

    /** The body is the candidate without its opener and terminator. */
    static List<RawCall> read(Format format, String body, ToolSet tools) {
        return switch (format) {
            case HERMES -> body.strip().startsWith("<function=") ? functionTags(body.strip(), tools) : json(body);
            case FUNCTION_TAG -> functionTags("<function=" + body + "</function>", tools);
            case PYTHON_TAG -> pythonTag(body);
            case MISTRAL -> mistral(body);
            case DEEPSEEK, DEEPSEEK_CALL -> deepSeek(body);
            case GEMMA_FENCE -> gemmaFence(body);
            case JSON_FENCE -> json(afterInfoLine(body));
            case BARE_JSON -> json("{" + body);
            case CALL_LIST -> body.strip().startsWith("{") ? json("[" + body) : pythonCalls(stripBrackets("[" + body));
        };
    }

    /** The name a broken candidate meant to call, if it can be read at all (for the note), else null. */
    static String intendedName(String body) {
        Matcher matcher = NAME_FIELD.matcher(body);
        if (matcher.find()) {
            return matcher.group(1);
        }
        Matcher tag = Pattern.compile("<function=([^>\\n]{1,128})>").matcher(body);
        return tag.find() ? tag.group(1) : null;
    }

    /** One call object, an array of them, or {@code ;}-separated objects. */
    static List<RawCall> json(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return null;
        }
        JsonNode node = ArgumentRepair.parse(trimmed);
        if (node == null && trimmed.length() <= ArgumentRepair.MAX_REPAIR_CHARS) {
            node = ArgumentRepair.parse(ArgumentRepair.normalize(trimmed, EnumSet.noneOf(ArgumentRepair.Fix.class)));
        }
        if (node == null) {
            return null;
        }
        List<RawCall> calls = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                RawCall call = callObject(item);
                if (call == null) {
                    return null;
                }
                calls.add(call);
            }
            return calls.isEmpty() ? null : calls;
        }
        RawCall call = callObject(node);
        return call == null ? null : List.of(call);
    }

    /** {@code {"name","arguments"|"parameters"}}, OpenAI's {@code {"type":"function","function":{…}}}. */
    private static RawCall callObject(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode function = node.get("function");
        if (function != null && function.isObject()) {
            node = function;
        }
        JsonNode name = node.has("name") ? node.get("name") : node.has("tool_name") ? node.get("tool_name") : function;
        if (name == null || !name.isTextual()) {
            return null;
        }
        JsonNode arguments = null;
        for (String field : new String[] {"arguments", "parameters", "args", "input"}) {
            if (node.has(field)) {
                arguments = node.get(field);
                break;
            }
        }
        if (arguments == null) {
            return node.size() <= 2 ? new RawCall(name.textValue(), "{}") : null;
        }
        return new RawCall(name.textValue(), arguments.isTextual() ? arguments.textValue() : arguments.toString());
    }

    /** Qwen3-Coder's {@code <function=NAME><parameter=K>v</parameter>…</function>}, possibly several. */
    private static List<RawCall> functionTags(String text, ToolSet tools) {
        List<RawCall> calls = new ArrayList<>();
        int at = 0;
        while (true) {
            int start = text.indexOf("<function=", at);
            if (start < 0) {
                break;
            }
            int nameEnd = text.indexOf('>', start);
            if (nameEnd < 0 || nameEnd > start + 140) {
                return null;
            }
            int end = text.indexOf("</function>", nameEnd);
            if (end < 0) {
                end = text.length();
            }
            String name = text.substring(start + "<function=".length(), nameEnd).strip();
            String inner = text.substring(nameEnd + 1, end);
            calls.add(new RawCall(name, inner.strip().startsWith("{") ? inner.strip() : parameters(name, inner, tools)));
            at = Math.min(text.length(), end + "</function>".length());
        }
        return calls.isEmpty() ? null : calls;
    }

    private static String parameters(String tool, String inner, ToolSet tools) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Matcher matcher = PARAMETER.matcher(inner);
        while (matcher.find()) {
            String key = matcher.group(1).strip();
            String value = trimOneNewline(matcher.group(2));
            String type = tools.propertyType(tool, key);
            JsonNode parsed = "string".equals(type) || type == null && !looksLikeJson(value)
                    ? null : ArgumentRepair.parse(value.strip());
            if (parsed != null) {
                out.set(key, parsed);
            } else {
                out.put(key, value);
            }
        }
        return out.toString();
    }

    private static boolean looksLikeJson(String value) {
        String v = value.strip();
        return v.startsWith("{") || v.startsWith("[") || v.equals("true") || v.equals("false")
                || v.matches("-?\\d+(\\.\\d+)?");
    }

    private static String trimOneNewline(String value) {
        String out = value.startsWith("\n") ? value.substring(1) : value;
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    /** Llama 3.x: one JSON object, or several separated by {@code ;}. */
    private static List<RawCall> pythonTag(String body) {
        String text = body.replace("<|eot_id|>", "").replace("<|eom_id|>", "").strip();
        List<RawCall> whole = json(text);
        if (whole != null || !text.contains(";")) {
            return whole;
        }
        List<RawCall> calls = new ArrayList<>();
        for (String part : splitTopLevel(text, ';')) {
            List<RawCall> one = json(part);
            if (one == null) {
                return null;
            }
            calls.addAll(one);
        }
        return calls;
    }

    /** {@code [{…}]}, or {@code name[ARGS]{…}} / {@code name[CALL_ID]id[ARGS]{…}} repeated. */
    private static List<RawCall> mistral(String body) {
        String text = body.replace("</s>", "").strip();
        if (text.startsWith("[") || text.startsWith("{")) {
            return json(text);
        }
        List<RawCall> calls = new ArrayList<>();
        for (String part : text.split("\\[TOOL_CALLS]")) {
            String call = part.strip();
            if (call.isEmpty()) {
                continue;
            }
            int args = call.indexOf("[ARGS]");
            int id = call.indexOf("[CALL_ID]");
            int nameEnd = id >= 0 && (args < 0 || id < args) ? id : args;
            if (nameEnd < 0) {
                nameEnd = call.indexOf('{');
                if (nameEnd < 0) {
                    return null;
                }
                calls.add(new RawCall(call.substring(0, nameEnd).strip(), call.substring(nameEnd)));
                continue;
            }
            if (args < 0) {
                return null;
            }
            calls.add(new RawCall(call.substring(0, nameEnd).strip(), call.substring(args + "[ARGS]".length()).strip()));
        }
        return calls.isEmpty() ? null : calls;
    }

    /** {@code function<｜tool▁sep｜>NAME\n```json\n{…}\n```} (V3/R1) or {@code NAME<｜tool▁sep｜>{…}} (V3.1). */
    private static List<RawCall> deepSeek(String body) {
        List<RawCall> calls = new ArrayList<>();
        for (String part : body.split(Pattern.quote(DS_CALL))) {
            String call = part.replace(DS_CALL_END, "").replace("<｜tool▁calls▁end｜>", "").strip();
            if (call.isEmpty()) {
                continue;
            }
            int sep = call.indexOf(DS_SEP);
            if (sep < 0) {
                return null;
            }
            String head = call.substring(0, sep).strip();
            String rest = call.substring(sep + DS_SEP.length());
            if (head.equals("function")) {
                int line = rest.indexOf('\n');
                if (line < 0) {
                    return null;
                }
                calls.add(new RawCall(rest.substring(0, line).strip(), stripFence(rest.substring(line + 1))));
            } else {
                calls.add(new RawCall(head, stripFence(rest)));
            }
        }
        return calls.isEmpty() ? null : calls;
    }

    /** Body after {@code ```tool_}: {@code code\n…} (Python calls) or {@code call\n…} (JSON). */
    private static List<RawCall> gemmaFence(String body) {
        if (body.startsWith("call")) {
            return json(afterInfoLine(body));
        }
        if (body.startsWith("code")) {
            return pythonCalls(afterInfoLine(body));
        }
        return null;
    }

    /** Python call syntax, one call per line or comma-separated: {@code print(default_api.f(a=1))}, {@code f(a=1)}. */
    static List<RawCall> pythonCalls(String text) {
        List<RawCall> calls = new ArrayList<>();
        for (String part : splitTopLevel(text.strip(), '\n')) {
            for (String piece : splitTopLevel(part, ',')) {
                String call = piece.strip();
                if (call.isEmpty()) {
                    continue;
                }
                RawCall one = pythonCall(call);
                if (one == null) {
                    return null;
                }
                calls.add(one);
            }
        }
        return calls.isEmpty() ? null : calls;
    }

    private static final Pattern CALL = Pattern.compile("(?s)([A-Za-z_][\\w.]*)\\((.*)\\)");

    private static RawCall pythonCall(String text) {
        if (text.startsWith("print(") && text.endsWith(")")) {
            text = text.substring("print(".length(), text.length() - 1).strip();
        }
        Matcher matcher = CALL.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        String name = matcher.group(1);
        name = name.substring(name.lastIndexOf('.') + 1);
        StringBuilder json = new StringBuilder("{");
        for (String argument : splitTopLevel(matcher.group(2), ',')) {
            String pair = argument.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || !pair.substring(0, eq).strip().matches("[A-Za-z_]\\w*")) {
                return null;
            }
            json.append(json.length() > 1 ? "," : "").append('"').append(pair.substring(0, eq).strip())
                    .append("\":").append(pair.substring(eq + 1).strip());
        }
        return new RawCall(name, json.append('}').toString());
    }

    /** Splits on {@code separator} outside strings and brackets. */
    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String stripBrackets(String text) {
        String t = text.strip();
        return t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
    }

    private static String afterInfoLine(String body) {
        int line = body.indexOf('\n');
        return line < 0 ? "" : body.substring(line + 1);
    }

    private static String stripFence(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            t = afterInfoLine(t);
        }
        if (t.endsWith("```")) {
            t = t.substring(0, t.length() - 3);
        }
        return t.strip();
    }
}
