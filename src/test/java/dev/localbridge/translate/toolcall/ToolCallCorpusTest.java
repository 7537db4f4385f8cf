package dev.localbridge.translate.toolcall;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.MessageAggregator;
import dev.localbridge.anthropic.MessageResponse;
import dev.localbridge.anthropic.StreamEvent;
import dev.localbridge.anthropic.Tool;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.translate.LoopDetector;
import dev.localbridge.translate.StreamTranslator;
import dev.localbridge.translate.ThinkingSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays the corpus under src/test/resources/toolcalls (one file per case, each citing where its format comes
 * from) through the stream translator, in random fragment sizes from 1 character to the whole text, as a stream
 * and aggregated into one message: positives must become exactly the expected calls, negatives must stay the
 * same text, unusable calls must stay text with a note.
 */
public class ToolCallCorpusTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CORPUS = Path.of("src/test/resources/toolcalls");
    private static final int SPLITS_PER_CASE = 12;
    static final ThinkingSignatures SIGNATURES = new ThinkingSignatures(new byte[32]);

    public record Case(String kind, String name, String text, List<String> expectedCalls, String noteTool, boolean stripped) {
    }

    public static List<Tool> tools() {
        return List.of(
                tool("Read", "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"},"
                        + "\"offset\":{\"type\":\"integer\"},\"limit\":{\"type\":\"integer\"}},\"required\":[\"file_path\"],"
                        + "\"additionalProperties\":false,\"$schema\":\"http://json-schema.org/draft-07/schema#\"}"),
                tool("Write", "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"},"
                        + "\"content\":{\"type\":\"string\"}},\"required\":[\"file_path\",\"content\"]}"),
                tool("Bash", "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"},"
                        + "\"timeout\":{\"type\":\"number\"}},\"required\":[\"command\"]}"),
                tool("Edit", "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"},"
                        + "\"old_string\":{\"type\":\"string\"},\"new_string\":{\"type\":\"string\"},"
                        + "\"replace_all\":{\"type\":\"boolean\"}},\"required\":[\"file_path\",\"old_string\",\"new_string\"]}"),
                tool("Grep", "{\"type\":\"object\",\"properties\":{\"pattern\":{\"type\":\"string\"},"
                        + "\"path\":{\"type\":\"string\"}},\"required\":[\"pattern\"]}"),
                tool("get_weather", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                        + "\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\"]}"));
    }

    private static Tool tool(String name, String schema) {
        try {
            return new Tool(name, name + " tool", JsonValue.adopt(MAPPER.readTree(schema)), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        for (String kind : List.of("positive", "negative", "unusable")) {
            try (Stream<Path> files = Files.list(CORPUS.resolve(kind))) {
                for (Path file : files.sorted().toList()) {
                    cases.add(read(kind, file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    private static Case read(String kind, Path file) throws IOException {
        String all = Files.readString(file, StandardCharsets.UTF_8);
        int split = all.indexOf("\n---\n");
        List<String> calls = new ArrayList<>();
        String note = null;
        boolean stripped = false;
        for (String line : all.substring(0, split).split("\n")) {
            if (line.startsWith("expect-call: ")) {
                calls.add(line.substring("expect-call: ".length()));
            } else if (line.startsWith("expect-note: ")) {
                note = line.substring("expect-note: ".length());
            } else if (line.equals("expect-text: control tokens removed")) {
                stripped = true;
            }
        }
        assertThat(all.substring(0, split)).as(file.toString()).startsWith("source: ");
        return new Case(kind, file.getFileName().toString(), all.substring(split + 5), calls, note, stripped);
    }

    /** The text cut at random points: sizes from 1 character to the whole. */
    public static List<String> fragments(String text, Random random) {
        List<String> out = new ArrayList<>();
        int mode = random.nextInt(4);
        int at = 0;
        while (at < text.length()) {
            int size = switch (mode) {
                case 0 -> 1;
                case 1 -> text.length();
                default -> 1 + random.nextInt(mode == 2 ? 8 : 64);
            };
            int end = Math.min(text.length(), at + size);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            out.add(text.substring(at, end));
            at = end;
        }
        return out;
    }

    /** Plays the fragments as upstream content chunks and returns the aggregated message. */
    static MessageResponse replay(List<String> fragments, List<StreamEvent> events) {
        MessageAggregator aggregator = new MessageAggregator();
        StreamTranslator translator = new StreamTranslator(event -> {
            events.add(event);
            aggregator.accept(event);
        }, false, List.of(), SIGNATURES, 0, ToolSet.of(tools()), LoopDetector.Settings.DEFAULT);
        translator.start("msg_1", "m");
        for (String fragment : fragments) {
            translator.onChunk(new ChatChunk(fragment, null, List.of(), null, null, null, null));
        }
        translator.onChunk(new ChatChunk(null, null, List.of(), dev.localbridge.openai.FinishReason.STOP, null, null, null));
        translator.finish();
        return aggregator.build();
    }

    private static String text(MessageResponse message) {
        StringBuilder out = new StringBuilder();
        for (ContentBlock block : message.content()) {
            if (block instanceof ContentBlock.Text text) {
                out.append(text.text());
            }
        }
        return out.toString();
    }

    private static List<String> calls(MessageResponse message) {
        List<String> out = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            if (block instanceof ContentBlock.ToolUse use) {
                out.add(use.name() + " " + canonical(use.input().tree()));
            }
        }
        return out;
    }

    private static String canonical(JsonNode node) {
        try {
            Object value = MAPPER.treeToValue(node, Object.class);
            return MAPPER.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
                    true).writeValueAsString(value).replace(",", ", ").replace(":", ": ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> expected(Case c) {
        List<String> out = new ArrayList<>();
        for (String call : c.expectedCalls()) {
            int space = call.indexOf(' ');
            try {
                out.add(call.substring(0, space) + " " + canonical(MAPPER.readTree(call.substring(space + 1))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** What one replay got wrong, or null. */
    private static String check(Case c, MessageResponse message) {
        List<String> calls = calls(message);
        String text = text(message);
        if (!c.kind().equals("negative") && (text.contains("<|") || text.contains("<｜") || text.contains("[TOOL_CALLS]"))) {
            return "a control token leaked into the text: " + text;
        }
        return switch (c.kind()) {
            case "positive" -> calls.equals(expected(c)) ? null : "calls " + calls + " instead of " + expected(c);
            case "negative" -> calls.isEmpty()
                    && text.equals(c.stripped() ? Recovery.withoutControlTokens(c.text()) : c.text())
                    ? null : "phantom: calls " + calls + ", text " + text;
            default -> calls.isEmpty() && text.contains("the model wrote a call to the tool \"" + c.noteTool() + "\"")
                    ? null : "unusable call not reported: calls " + calls + ", text " + text;
        };
    }

    @Test
    void the_corpus_has_at_least_40_cases_of_calls_and_40_of_text_about_calls() {
        List<Case> cases = corpus();
        assertThat(cases.stream().filter(c -> c.kind().equals("positive")).count()).isGreaterThanOrEqualTo(40);
        assertThat(cases.stream().filter(c -> c.kind().equals("negative")).count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void calls_are_recovered_and_text_about_calls_stays_text_in_any_fragmentation() {
        Random random = new Random(20261128);
        int positives = 0;
        int recovered = 0;
        int negatives = 0;
        int phantoms = 0;
        List<String> failures = new ArrayList<>();
        for (Case c : corpus()) {
            for (int i = 0; i < SPLITS_PER_CASE; i++) {
                List<StreamEvent> events = new ArrayList<>();
                String failure = check(c, replay(fragments(c.text(), random), events));
                boolean positive = !c.kind().equals("negative");
                positives += positive ? 1 : 0;
                recovered += positive && failure == null ? 1 : 0;
                negatives += positive ? 0 : 1;
                phantoms += !positive && failure != null ? 1 : 0;
                if (failure != null) {
                    failures.add(c.name() + ": " + failure);
                }
            }
        }
        double rate = 100.0 * recovered / positives;
        System.out.printf("tool-call corpus: %d/%d replays recovered (%.1f %%), %d/%d negative replays became calls%n",
                recovered, positives, rate, phantoms, negatives);
        failures.stream().distinct().limit(40).forEach(f -> System.out.println("  " + f));
        assertThat(phantoms).as("false positives").isZero();
        assertThat(rate).as("recovery rate").isGreaterThanOrEqualTo(95.0);
    }
}
