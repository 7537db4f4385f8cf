package dev.localbridge.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one source file into {@link FileFacts}: its package, whether it is test code, side effects, entry points. */
final class SourceScanner {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    private static final Set<String> TEST_SEGMENTS = Set.of("test", "tests", "__tests__", "spec", "specs", "e2e",
            "testdata", "fixtures");
    private static final Pattern JVM_NOISE = Pattern.compile(
            "'(?:[^'\\\\\\n]|\\\\.)+'|\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|//[^\\n]*|/\\*[\\s\\S]*?\\*/");
    private static final Pattern TEST_FILE = Pattern.compile(
            "(?:.+_test\\.go|test_.+\\.py|.+_test\\.py|conftest\\.py|.+\\.(?:test|spec)\\.[cm]?[jt]sx?)");

    private SourceScanner() {
    }

    static FileFacts scan(String path, Language language, String source) {
        boolean test = isTest(path);
        String text = language.jvm() ? withoutLiteralsAndComments(source) : source;
        String declared = language.jvm() ? declaredPackage(text) : "";
        Set<Effect> effects = EnumSet.noneOf(Effect.class);
        for (Map.Entry<Effect, Pattern> entry : SourcePatterns.effects(language).entrySet()) {
            if (entry.getValue().matcher(text).find()) {
                effects.add(entry.getKey());
            }
        }
        List<FileFacts.Hint> hints = new ArrayList<>();
        if (!test) {
            for (SourcePatterns.EntryRule rule : SourcePatterns.entries(language)) {
                if (rule.pattern().matcher(text).find()) {
                    hints.add(new FileFacts.Hint(rule.kind(), rule.detail()));
                }
            }
        }
        return new FileFacts(path, language, test, declared, effects, hints);
    }

    /** Whether the path is test code: under a test directory, or named the way test runners look for. */
    static boolean isTest(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (TEST_SEGMENTS.contains(segments[i])) {
                return true;
            }
        }
        return TEST_FILE.matcher(segments[segments.length - 1]).matches();
    }

    /**
     * The directory that holds a test file's tree, up to and including its test segment ({@code src/test}); empty
     * for a test that sits beside the code it tests.
     */
    static String testRoot(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (TEST_SEGMENTS.contains(segments[i])) {
                return String.join("/", Arrays.copyOf(segments, i + 1));
            }
        }
        return "";
    }

    /**
     * JVM source with string literals emptied and comments removed (line breaks kept), so that code which merely
     * mentions an import or annotation, in a message or a pattern, does not count as using it.
     */
    static String withoutLiteralsAndComments(String source) {
        return JVM_NOISE.matcher(source).replaceAll(m -> {
            String breaks = m.group().replaceAll("[^\\n]", "");
            return m.group().startsWith("/") ? breaks : "\"\"" + breaks;
        });
    }

    private static String declaredPackage(String text) {
        Matcher matcher = PACKAGE.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }
}
