package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the request reader and translator with thousands of requests made from the real Claude Code fixtures by
 * byte- and tree-level mutations ({@link RequestMutations}): each is read, translated and written upstream, or
 * refused with a 4xx {@link ApiException}; never another exception, never a 5xx type, never a hang.
 */
class RequestFuzzTest {
    static final List<byte[]> FIXTURES = loadFixtures();
    static final RequestTranslator TRANSLATOR = new RequestTranslator(new ThinkingSignatures(new byte[32]));

    static List<byte[]> loadFixtures() {
        try (Stream<Path> files = Files.list(ExternalTools.shared().resolve("fixtures/claude-code-2.1.328"))) {
            return files.sorted().map(file -> {
                try {
                    JsonNode body = Json.parse(Files.readString(file)).path("body");
                    return Json.MAPPER.writeValueAsBytes(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        return RequestMutations.of(FIXTURES);
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void a_mutated_request_is_translated_or_refused_with_a_4xx(@ForAll("mutatedRequests") byte[] body)
            throws Exception {
        String outcome;
        try {
            outcome = CompletableFuture.supplyAsync(() -> readAndTranslate(body)).get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("hung on: " + new String(body, StandardCharsets.UTF_8), e);
        }
        Statistics.label("outcome").collect(outcome);
    }

    private static String readAndTranslate(byte[] body) {
        try {
            MessagesRequest request = RequestReader.read(body, true);
            ChatRequestWriter.write(TRANSLATOR.translate(request, "m", 100));
            return "translated";
        } catch (ApiException e) {
            assertThat(e.httpStatus()).as(e.getMessage()).isBetween(400, 499);
            assertThat(e.getMessage()).isNotBlank();
            return "refused " + e.httpStatus();
        }
    }
}
