package dev.localbridge.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough TOML for build files: tables ({@code [a.b]} and {@code [[a]]}) of {@code key = value} lines, with
 * values kept as raw text (arrays may span lines). Inline tables and multi-line strings are not understood;
 * their keys simply do not show up.
 */
final class Toml {
    private static final Pattern HEADER = Pattern.compile("^\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?\\s*(?:#.*)?$");
    private static final Pattern KEY_VALUE = Pattern.compile("^([\\w.\"'-]+)\\s*=\\s*(.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");

    /** One table: its name ({@code ""} before the first header) and its keys, in file order. */
    record Table(String name, Map<String, String> values) {
    }

    private Toml() {
    }

    static List<Table> parse(String text) {
        List<Table> tables = new ArrayList<>();
        Table current = new Table("", new LinkedHashMap<>());
        tables.add(current);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher header = HEADER.matcher(line);
            Matcher keyValue = KEY_VALUE.matcher(line);
            if (header.matches()) {
                current = new Table(header.group(1), new LinkedHashMap<>());
                tables.add(current);
            } else if (keyValue.matches()) {
                StringBuilder value = new StringBuilder(keyValue.group(2));
                while (depth(value) > 0 && i + 1 < lines.length) {
                    value.append('\n').append(lines[++i]);
                }
                current.values().put(unquote(keyValue.group(1)), value.toString().strip());
            }
        }
        return tables;
    }

    /** The first table called {@code name}, if any. */
    static Map<String, String> table(List<Table> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().map(Table::values).orElse(Map.of());
    }

    /** Every table called {@code name} (an array of tables such as {@code [[bin]]}). */
    static List<Map<String, String>> tables(List<Table> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(name)).map(Table::values).toList();
    }

    /** The value as a string: quotes removed; a bare value as written (without a trailing comment). */
    static String string(String raw) {
        Matcher quoted = QUOTED.matcher(raw);
        if (quoted.lookingAt()) {
            return quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
        }
        int comment = raw.indexOf('#');
        return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }

    /** Every quoted string in the value, such as the items of an array. */
    static List<String> strings(String raw) {
        List<String> strings = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(raw);
        while (quoted.find()) {
            strings.add(quoted.group(1) != null ? quoted.group(1) : quoted.group(2));
        }
        return strings;
    }

    private static String unquote(String key) {
        return key.replace("\"", "").replace("'", "");
    }

    /** How many brackets are still open, ignoring those inside strings and comments. */
    private static int depth(CharSequence value) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                while (i < value.length() && value.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }
}
