package dev.localbridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.models.ModelInfo;
import dev.localbridge.server.BridgeServer;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The official Java SDK sees the same valid input for a repaired tool call whether it streams or not, and a
 * clear text (no tool call, no silent {@code {}}) for arguments that cannot be repaired.
 */
class JavaSdkToolRepairTest {
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

    private static Script call(String arguments) {
        return Script.named("call").role().tool(0, "call_1", "get_weather", arguments, 2)
                .finish("tool_calls").usage(10, 5, 0).done().build();
    }

    private static Message ask(boolean stream) {
        if (!stream) {
            return client.messages().create(AnthropicJavaSdkTest.params(false));
        }
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events =
                     client.messages().createStreaming(AnthropicJavaSdkTest.params(false))) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void almost_json_arguments_reach_the_sdk_as_the_repaired_object(boolean stream) {
        backend.enqueue(call("{'city': 'Paris', 'days': None,}"));

        Message message = ask(stream);

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().toolUse()).hasValueSatisfying(use -> {
            Map<String, Object> expected = new java.util.HashMap<>();
            expected.put("city", "Paris");
            expected.put("days", null);
            assertThat(use._input().convert(Map.class)).isEqualTo(expected);
        });
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void arguments_that_cannot_be_repaired_reach_the_sdk_as_text_with_a_note_not_as_an_empty_input(boolean stream) {
        backend.enqueue(call("{\"city\": Paris and Oslo}"));

        Message message = ask(stream);

        assertThat(message.content()).hasSize(1).allSatisfy(block -> assertThat(block.isToolUse()).isFalse());
        ContentBlock only = message.content().getFirst();
        assertThat(only.text()).hasValueSatisfying(text -> assertThat(text.text())
                .contains("the model wrote a call to the tool \"get_weather\", but it was not run")
                .contains("{\"city\": Paris and Oslo}"));
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    }

    @Test
    void models_retrieve_answers_for_the_id_asked_about() {
        ModelInfo model = client.models().retrieve("claude-opus-local");

        assertThat(model.id()).isEqualTo("claude-opus-local");
        assertThat(model.displayName()).endsWith("(local)");
    }
}
