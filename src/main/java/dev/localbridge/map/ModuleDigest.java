package dev.localbridge.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a model is shown of one module to summarise it: its name and kind, and an outline of its files (doc
 * comments and declarations, in path order), cut to {@link #MAX_OUTLINE_CHARS} so the prompt fits a small context.
 *
 * @param module the module's name, such as {@code dev.localbridge.server} or {@code src/routes}
 * @param kind   what sort of module it is, such as {@code Java package}
 */
public record ModuleDigest(String module, String kind, int files, String outline) {
    static final int MAX_OUTLINE_CHARS = 6000;
    private static final int MAX_FILE_CHARS = 1200;
    private static final Pattern OUTLINE_LINE = Pattern.compile("^(?:/\\*\\*|\\*(?!/)|///|//!|\"\"\"|@[A-Z]\\w*"
            + "|(?:public|protected|abstract|final|sealed|static|export|def|async\\s+def|class|interface|record|enum"
            + "|func|fn|pub|type|struct|trait|impl|function)\\b|module\\.exports)");

    static ModuleDigest of(Path root, Module module) {
        StringBuilder outline = new StringBuilder();
        for (String path : module.paths()) {
            if (outline.length() >= MAX_OUTLINE_CHARS) {
                outline.append("… (more files)\n");
                break;
            }
            outline.append("== ").append(path).append('\n').append(outline(read(root.resolve(path))));
        }
        String text = outline.length() > MAX_OUTLINE_CHARS + 100 ? outline.substring(0, MAX_OUTLINE_CHARS) + "…\n"
                : outline.toString();
        return new ModuleDigest(module.name(), kind(module.language()), module.files(), text);
    }

    /** The doc comments and declarations of one file, first lines first, cut to a share of the outline. */
    static String outline(String source) {
        StringBuilder lines = new StringBuilder();
        for (String line : source.lines().map(String::strip).toList()) {
            if (OUTLINE_LINE.matcher(line).lookingAt() && !line.startsWith("* @") && lines.length() < MAX_FILE_CHARS) {
                lines.append(line.length() > 160 ? line.substring(0, 160) + "…" : line).append('\n');
            }
        }
        return lines.toString();
    }

    private static String kind(Language language) {
        return switch (language) {
            case JAVA, KOTLIN, PYTHON, GO -> language.label() + " package";
            case TYPESCRIPT, JAVASCRIPT, RUST, SHELL, RUBY, C, CPP, CSHARP, SCALA, SWIFT, PHP ->
                    language.label() + " source folder";
        };
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The chat messages that ask for the summary: a fixed system instruction, then the module as the user turn. */
    public List<String> prompt() {
        return List.of("You write one entry of a repository map for a coding assistant. Reply with one or two plain"
                        + " sentences (at most 35 words) saying what the module is responsible for. No preamble,"
                        + " no Markdown, no list of file names.",
                "Module `" + module + "` (" + kind + ", " + files + (files == 1 ? " file" : " files")
                        + "). Outline of its files:\n\n" + outline);
    }
}
