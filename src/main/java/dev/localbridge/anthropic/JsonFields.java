package dev.localbridge.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.error.ApiException;

/** Typed access to the fields of a JSON object, with errors that name the field's path. */
final class JsonFields {
    private JsonFields() {
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static ApiException invalid(String path, String problem) {
        return ApiException.invalidRequest(path + ": " + problem);
    }

    static JsonNode requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw invalid(path, "expected an object, got " + describe(node));
        }
        return node;
    }

    static String requireString(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw invalid(join(path, field), "field required");
        }
        if (!value.isTextual()) {
            throw invalid(join(path, field), "expected a string, got " + describe(value));
        }
        return value.textValue();
    }

    static String optionalString(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(join(path, field), "expected a string, got " + describe(value));
        }
        return value.textValue();
    }

    static boolean optionalBoolean(JsonNode object, String field, String path, boolean fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(join(path, field), "expected a boolean, got " + describe(value));
        }
        return value.booleanValue();
    }

    static Double optionalNumber(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw invalid(join(path, field), "expected a number, got " + describe(value));
        }
        return value.doubleValue();
    }

    static Integer optionalInt(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(join(path, field), "expected an integer, got " + describe(value));
        }
        return value.intValue();
    }

    static JsonNode optionalArray(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(join(path, field), "expected an array, got " + describe(value));
        }
        return value;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }
}
