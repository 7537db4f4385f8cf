package dev.localbridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK as the client: what it parses is what Anthropic's API would have given it. */
class AnthropicJavaSdkTest {
    static ScriptedBackend backend;
    static BridgeServer bridge;
    static AnthropicClient client;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url(), b -> b.apiKeys(List.of("sk-local")));
        client = AnthropicOkHttpClient.builder().baseUrl(Bridges.url(bridge)).apiKey("sk-local").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        bridge.close();
        backend.close();
    }

    static MessageCreateParams params(boolean thinking) {
        MessageCreateParams.Builder builder = MessageCreateParams.builder()
                .model("claude-opus-5-5")
                .maxTokens(2048)
                .addUserMessage("What's the weather in Paris and in Oslo?")
                .addTool(Tool.builder().name("get_weather").description("Weather for a city")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .required(List.of("city")).build())
                        .build());
        if (thinking) {
            builder.enabledThinking(1024);
        }
        return builder.build();
    }

    static Script weatherAnswer() {
        return Script.named("weather").role()
                .reasoning("Two cities, two calls.")
                .content("Checking both.")
                .tool(0, "call_1", "get_weather", "{\"city\": \"Paris\"}", 3)
                .tool(1, "call_2", "get_weather", "{\"city\": \"Oslo\"}", 3)
                .finish("tool_calls").usage(300, 42, 256).done().build();
    }

    @Test
    void sdk_parses_a_non_streaming_answer_with_thinking_text_and_two_tool_calls() {
        backend.enqueue(weatherAnswer());

        Message message = client.messages().create(params(true));

        List<ContentBlock> content = message.content();
        assertThat(content).hasSize(4);
        assertThat(content.get(0).thinking()).hasValueSatisfying(t -> {
            assertThat(t.thinking()).isEqualTo("Two cities, two calls.");
            assertThat(t.signature()).startsWith("lb1.");
        });
        assertThat(content.get(1).text()).hasValueSatisfying(t -> assertThat(t.text()).isEqualTo("Checking both."));
        assertThat(content.get(2).toolUse()).hasValueSatisfying(t -> {
            assertThat(t.id()).startsWith("toolu_");
            assertThat(t.name()).isEqualTo("get_weather");
            assertThat(t._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        });
        assertThat(content.get(3).toolUse()).hasValueSatisfying(t ->
                assertThat(t._input().convert(Map.class)).isEqualTo(Map.of("city", "Oslo")));
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(44);
        assertThat(message.usage().cacheReadInputTokens()).hasValue(256L);
        assertThat(message.usage().outputTokens()).isEqualTo(42);
        assertThat(message.model().asString()).isEqualTo("claude-opus-5-5");
    }

    @Test
    void sdk_accumulates_the_stream_into_the_same_message() {
        backend.enqueue(weatherAnswer());

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params(true))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content()).hasSize(4);
        assertThat(message.content().get(0).isThinking()).isTrue();
        assertThat(message.content().get(1).text()).hasValueSatisfying(t ->
                assertThat(t.text()).isEqualTo("Checking both."));
        assertThat(message.content().get(2).toolUse()).hasValueSatisfying(t ->
                assertThat(t._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris")));
        assertThat(message.content().get(3).toolUse()).hasValueSatisfying(t ->
                assertThat(t._input().convert(Map.class)).isEqualTo(Map.of("city", "Oslo")));
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(44);
        assertThat(message.usage().outputTokens()).isEqualTo(42);
    }

    @Test
    void sdk_sees_stop_sequence_and_max_tokens_stop_reasons() {
        backend.enqueue(Script.named("stop").role().content("a, b, c").content(", STOP, d").waitForever().build());
        Message stopped = client.messages().create(MessageCreateParams.builder().model("claude-opus-5-5").maxTokens(50)
                .addUserMessage("list").stopSequences(List.of("STOP")).build());
        assertThat(stopped.stopReason()).hasValue(StopReason.STOP_SEQUENCE);
        assertThat(stopped.stopSequence()).hasValue("STOP");
        assertThat(stopped.content().getFirst().text()).hasValueSatisfying(t ->
                assertThat(t.text()).isEqualTo("a, b, c, "));

        backend.enqueue(Script.named("length").role().content("truncat").finish("length").usage(5, 1, 0).done().build());
        Message truncated = client.messages().create(MessageCreateParams.builder().model("claude-opus-5-5").maxTokens(1)
                .addUserMessage("go").build());
        assertThat(truncated.stopReason()).hasValue(StopReason.MAX_TOKENS);
    }

    @Test
    void sdk_raises_typed_errors_for_bad_requests_overload_and_bad_keys() {
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("claude-opus-5-5")
                .maxTokens(10).messages(List.of()).build()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((AnthropicServiceException) e).body().toString()).contains("messages"));

        backend.enqueue(Script.error(503, "{\"error\":{\"code\":503,\"message\":\"Loading model\","
                + "\"type\":\"unavailable_error\"}}"));
        assertThatThrownBy(() -> client.messages().create(params(false))).isInstanceOf(OverloadedException.class);

        backend.enqueue(Script.error(400, "{\"error\":{\"code\":400,\"message\":\"request (40000 tokens) exceeds the"
                + " available context size (32768 tokens), try increasing it\",\"type\":\"exceed_context_size_error\","
                + "\"n_prompt_tokens\":40000,\"n_ctx\":32768}}"));
        assertThatThrownBy(() -> client.messages().create(params(false)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("prompt is too long: 40000 tokens > 32768 maximum");

        AnthropicClient stranger = AnthropicOkHttpClient.builder().baseUrl(Bridges.url(bridge))
                .apiKey("sk-wrong").maxRetries(0).build();
        try {
            assertThatThrownBy(() -> stranger.messages().create(params(false)))
                    .isInstanceOf(UnauthorizedException.class);
        } finally {
            stranger.close();
        }
    }
}
