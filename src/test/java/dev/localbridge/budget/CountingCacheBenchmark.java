package dev.localbridge.budget;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.backend.LlamaCppTokenizer;
import dev.localbridge.backend.UpstreamClient;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.Json;
import dev.localbridge.testing.LlamaServer;
import dev.localbridge.translate.RequestTranslator;
import dev.localbridge.translate.ThinkingSignatures;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A benchmark harness (not a test): a 40-turn Claude Code-like conversation (the real 2.1.328 first request,
 * then per turn a Read call and a ~2 KB file in its result) counted through {@link TokenCounter} against real
 * llama-server. Prints, per turn, the new content, what was sent to /tokenize, the count, the count of the whole
 * prompt tokenized in one go, and the time. Run: {@code scripts/bench-counting}.
 */
public final class CountingCacheBenchmark {
    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path template = Path.of("src/test/resources/templates/chatml-tools.jinja").toAbsolutePath();
        try (LlamaServer llama = LlamaServer.start(4096, 1, "--jinja", "--chat-template-file", template.toString())) {
            Vertx vertx = Vertx.vertx();
            UpstreamClient upstream = new UpstreamClient(vertx, URI.create(llama.url()), null, Duration.ofSeconds(5));
            LlamaCppTokenizer tokenizer = new LlamaCppTokenizer(upstream, dev.localbridge.translate.UpstreamErrors::fromHttp);
            TokenCounter counter = new TokenCounter(tokenizer);
            run(turns, counter, tokenizer);
            vertx.close().await();
        }
    }

    static void run(int turns, TokenCounter counter, LlamaCppTokenizer tokenizer) throws Exception {
        ObjectNode body = (ObjectNode) Json.parse(Files.readString(ExternalTools.shared()
                .resolve("fixtures/claude-code-2.1.328/single-turn-000.json"))).path("body");
        RequestTranslator translator = new RequestTranslator(new ThinkingSignatures(new byte[32]));
        System.out.printf("%4s %10s %10s %9s %8s %9s %9s %8s%n", "turn", "prompt_ch", "new_ch", "tok_ch",
                "calls", "count", "whole", "ms");
        long previousChars = 0;
        long totalTokenized = 0;
        long totalPrompt = 0;
        double worstError = 0;
        for (int turn = 1; turn <= turns; turn++) {
            if (turn > 1) {
                appendTurn((ArrayNode) body.path("messages"), turn);
            }
            byte[] chatBody = ChatRequestWriter.write(translator.translate(
                    RequestReader.read(body.toString().getBytes(StandardCharsets.UTF_8), true), "m", 1000), false);
            TokenCounter.Stats before = counter.stats();
            long started = System.nanoTime();
            long count = counter.count(chatBody).await();
            double ms = (System.nanoTime() - started) / 1e6;
            TokenCounter.Stats after = counter.stats();
            String prompt = tokenizer.render(chatBody).await();
            long whole = tokenizer.count(prompt, true).await();
            long tokenized = after.tokenizedChars() - before.tokenizedChars();
            totalTokenized += tokenized;
            totalPrompt += prompt.length();
            worstError = Math.max(worstError, Math.abs(count - whole) * 100.0 / whole);
            System.out.printf("%4d %10d %10d %9d %8d %9d %9d %8.2f%n", turn, prompt.length(),
                    prompt.length() - previousChars, tokenized, after.tokenizeCalls() - before.tokenizeCalls(),
                    count, whole, ms);
            previousChars = prompt.length();
        }
        System.out.printf("%nchars sent to /tokenize: %d of %d rendered (%.1f %%); worst count error vs whole: %.3f %%%n",
                totalTokenized, totalPrompt, totalTokenized * 100.0 / totalPrompt, worstError);
    }

    static void appendTurn(ArrayNode messages, int turn) {
        String id = "toolu_bench" + turn;
        ObjectNode assistant = messages.addObject();
        assistant.put("role", "assistant");
        ArrayNode content = assistant.putArray("content");
        content.addObject().put("type", "text").put("text", "Reading part " + turn + ".");
        ObjectNode use = content.addObject().put("type", "tool_use").put("id", id).put("name", "Read");
        use.putObject("input").put("file_path", "/home/dev/project/src/part" + turn + ".java");
        ObjectNode user = messages.addObject();
        user.put("role", "user");
        StringBuilder file = new StringBuilder();
        for (int line = 1; line <= 40; line++) {
            file.append(line).append("\t    int value").append(line).append(" = compute(").append(turn)
                    .append(", ").append(line).append("); // step ").append(line).append('\n');
        }
        user.putArray("content").addObject().put("type", "tool_result").put("tool_use_id", id)
                .put("content", file.toString());
    }
}
