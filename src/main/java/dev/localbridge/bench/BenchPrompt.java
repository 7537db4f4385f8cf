package dev.localbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A request the benchmark sends, as Claude Code would send it to the bridge ({@code POST /v1/messages}).
 *
 * <p>{@code claude-code} is the first request Claude Code 2.1.328 sent for {@code claude -p "say hi"} (12 tools,
 * its full system prompt: ~54 KB), captured on loopback; {@code small} is a short question without tools.
 */
public record BenchPrompt(String name, String description, ObjectNode body) {
    public static final String CLAUDE_CODE = "claude-code";
    public static final String SMALL = "small";
    static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header:";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RESOURCE = "/bench/claude-code-2.1.328-single-turn.json";

    public BenchPrompt {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        Objects.requireNonNull(body);
    }

    /** {@code fixture} (or {@code claude-code}) or {@code small}. */
    public static BenchPrompt named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "fixture", CLAUDE_CODE -> claudeCode();
            case SMALL -> small();
            default -> throw new IllegalArgumentException("unknown prompt \"" + name
                    + "\": use fixture (Claude Code's real first request) or small");
        };
    }

    public static List<BenchPrompt> all() {
        return List.of(claudeCode(), small());
    }

    public static BenchPrompt claudeCode() {
        try (InputStream in = BenchPrompt.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            ObjectNode body = (ObjectNode) MAPPER.readTree(in);
            return new BenchPrompt(CLAUDE_CODE, "Claude Code's first request (" + body.path("tools").size()
                    + " tools)", body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BenchPrompt small() {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", "claude-haiku-4-5");
        body.put("max_tokens", 256);
        body.put("system", "You are a concise assistant.");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").put("content", "In two sentences: what is a hash map?");
        return new BenchPrompt(SMALL, "a short question, no tools", body);
    }

    /**
     * The body for one run: {@code nonce} at the very start of the prompt (so no earlier run's prompt cache
     * applies), at most {@code maxTokens} output tokens, streamed.
     */
    public ObjectNode forRun(String nonce, int maxTokens) {
        ObjectNode run = body.deepCopy();
        run.put("max_tokens", maxTokens);
        run.put("stream", true);
        JsonNode system = run.path("system");
        if (system.isTextual()) {
            run.put("system", nonce + "\n" + system.asText());
        } else if (system.isArray()) {
            prefixFirstPromptBlock((ArrayNode) system, nonce);
        } else {
            run.put("system", nonce);
        }
        return run;
    }

    /** Claude Code's billing-header block is dropped by the bridge, so the nonce goes into the next block. */
    private static void prefixFirstPromptBlock(ArrayNode system, String nonce) {
        for (JsonNode block : system) {
            String text = block.path("text").asText("");
            if (block.path("type").asText().equals("text") && !text.startsWith(BILLING_HEADER_PREFIX)) {
                ((ObjectNode) block).put("text", nonce + "\n" + text);
                return;
            }
        }
        system.addObject().put("type", "text").put("text", nonce);
    }
}
