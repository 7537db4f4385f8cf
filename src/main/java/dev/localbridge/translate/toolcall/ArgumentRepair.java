package dev.localbridge.translate.toolcall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns a model's almost-JSON tool arguments into a JSON object, or says why it cannot. One linear pass, no
 * guessing beyond the listed repairs: trailing commas, single-quoted strings, unquoted keys, Python literals
 * ({@code True}, {@code False}, {@code None}), raw newlines inside strings, strings and brackets left open at the
 * end, and an object double-encoded as a JSON string. Anything else stays invalid: a call is never invented.
 */
public final class ArgumentRepair {
    /** Longer arguments are not repaired (they are still accepted when they are valid JSON as they are). */
    public static final int MAX_REPAIR_CHARS = 1 << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What was changed to make the arguments valid. */
    public enum Fix { DOUBLE_ENCODED, TRAILING_COMMA, SINGLE_QUOTES, UNQUOTED_KEY, PYTHON_LITERAL, RAW_CONTROL_CHAR,
        CLOSED_AT_END }

    /** The outcome: a JSON object (with the fixes applied, none if it was valid), or the reason it is not one. */
    public sealed interface Result {
        record Valid(ObjectNode input, String json, Set<Fix> fixes) implements Result {
            public Valid {
                fixes = fixes.isEmpty() ? Set.of() : Set.copyOf(fixes);
            }

            public boolean repaired() {
                return !fixes.isEmpty();
            }
        }

        record Invalid(String reason) implements Result {
        }
    }

    private ArgumentRepair() {
    }

    public static Result repair(String raw) {
        if (raw.isBlank()) {
            return new Result.Valid(JsonNodeFactory.instance.objectNode(), "{}", Set.of());
        }
        Set<Fix> fixes = EnumSet.noneOf(Fix.class);
        JsonNode strict = parse(raw);
        if (strict instanceof ObjectNode object) {
            return new Result.Valid(object, raw, fixes);
        }
        if (raw.length() > MAX_REPAIR_CHARS) {
            return new Result.Invalid("the arguments are not valid JSON and too long to repair");
        }
        JsonNode node = strict != null ? strict : parse(normalize(raw, fixes));
        if (node != null && node.isTextual()) {
            fixes.add(Fix.DOUBLE_ENCODED);
            String inner = node.textValue();
            node = parse(inner);
            if (node == null && inner.length() <= MAX_REPAIR_CHARS) {
                node = parse(normalize(inner, fixes));
            }
        }
        if (node instanceof ObjectNode object) {
            return new Result.Valid(object, object.toString(), fixes);
        }
        if (node == null) {
            return new Result.Invalid("the arguments are not valid JSON, even after repair");
        }
        return new Result.Invalid("the arguments are JSON " + node.getNodeType().name().toLowerCase()
                + ", not an object");
    }

    /** The node, or null when the text is not one complete JSON value. */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Rewrites the listed almost-JSON forms as JSON, recording each fix it made. */
    static String normalize(String in, Set<Fix> fixes) {
        StringBuilder out = new StringBuilder(in.length() + 8);
        StringBuilder open = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    out.append('"');
                    quote = 0;
                } else {
                    i = inString(in, i, out, fixes);
                }
                continue;
            }
            switch (c) {
                case '"', '\'' -> {
                    if (c == '\'') {
                        fixes.add(Fix.SINGLE_QUOTES);
                    }
                    quote = c;
                    out.append('"');
                }
                case '{', '[' -> {
                    open.append(c);
                    out.append(c);
                }
                case '}', ']' -> {
                    dropTrailingComma(out, fixes);
                    if (!open.isEmpty()) {
                        open.setLength(open.length() - 1);
                    }
                    out.append(c);
                }
                default -> i = Character.isLetter(c) || c == '_' ? word(in, i, out, fixes) - 1 : append(out, c, i);
            }
        }
        if (quote != 0) {
            fixes.add(Fix.CLOSED_AT_END);
            out.append('"');
        }
        closeOpen(out, open, fixes);
        return out.toString();
    }

    private static int append(StringBuilder out, char c, int i) {
        out.append(c);
        return i;
    }

    /** One character inside a string (not its closing quote), written as JSON; returns the last index consumed. */
    private static int inString(String in, int i, StringBuilder out, Set<Fix> fixes) {
        char c = in.charAt(i);
        if (c == '\\' && i + 1 < in.length()) {
            char next = in.charAt(i + 1);
            if (next == '\'') {
                out.append('\'');
            } else {
                out.append(c).append(next);
            }
            return i + 1;
        }
        if (c == '"') {
            out.append("\\\"");
        } else if (c < 0x20) {
            fixes.add(Fix.RAW_CONTROL_CHAR);
            out.append(String.format("\\u%04x", (int) c));
        } else if (c != '\\') {
            out.append(c);
        }
        return i;
    }

    /** An identifier outside a string: a Python literal, a JSON literal, an unquoted key, or left as it is. */
    private static int word(String in, int start, StringBuilder out, Set<Fix> fixes) {
        int end = start;
        while (end < in.length() && (Character.isLetterOrDigit(in.charAt(end)) || in.charAt(end) == '_')) {
            end++;
        }
        String word = in.substring(start, end);
        int after = end;
        while (after < in.length() && Character.isWhitespace(in.charAt(after))) {
            after++;
        }
        boolean key = after < in.length() && in.charAt(after) == ':';
        if (key) {
            fixes.add(Fix.UNQUOTED_KEY);
            out.append('"').append(word).append('"');
            return end;
        }
        String literal = switch (word) {
            case "True" -> "true";
            case "False" -> "false";
            case "None" -> "null";
            default -> null;
        };
        if (literal != null) {
            fixes.add(Fix.PYTHON_LITERAL);
            out.append(literal);
        } else {
            out.append(word);
        }
        return end;
    }

    private static void dropTrailingComma(StringBuilder out, Set<Fix> fixes) {
        int at = out.length() - 1;
        while (at >= 0 && Character.isWhitespace(out.charAt(at))) {
            at--;
        }
        if (at >= 0 && out.charAt(at) == ',') {
            fixes.add(Fix.TRAILING_COMMA);
            out.setLength(at);
        }
    }

    private static void closeOpen(StringBuilder out, StringBuilder open, Set<Fix> fixes) {
        if (open.isEmpty()) {
            return;
        }
        fixes.add(Fix.CLOSED_AT_END);
        int at = out.length() - 1;
        while (at >= 0 && Character.isWhitespace(out.charAt(at))) {
            at--;
        }
        out.setLength(at + 1);
        if (at >= 0 && out.charAt(at) == ':') {
            out.append("null");
        }
        for (int i = open.length() - 1; i >= 0; i--) {
            dropTrailingComma(out, fixes);
            out.append(open.charAt(i) == '{' ? '}' : ']');
        }
    }
}
