package dev.localbridge.translate;

import dev.localbridge.json.JsonValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatMessage;
import dev.localbridge.openai.ChatRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuredOutputTest {
    static ChatRequest request(List<ChatMessage> messages) throws Exception {
        return new ChatRequest("m", messages, List.of(), null, true, 50, 0.5, null, null, null,
                JsonValue.adopt(new ObjectMapper().readTree("{\"type\":\"object\"}")), ChatRequest.Reasoning.OFF);
    }

    @Test
    void the_schema_joins_an_existing_system_prompt_and_response_format_goes() throws Exception {
        ChatRequest rewritten = StructuredOutput.inPrompt(request(List.of(new ChatMessage.System("Be brief."),
                new ChatMessage.User(List.of(new ChatMessage.Part.Text("hi"))))));

        assertThat(rewritten.responseSchema()).isNull();
        assertThat(rewritten.messages()).hasSize(2);
        assertThat(((ChatMessage.System) rewritten.messages().getFirst()).content())
                .isEqualTo("Be brief.\n\n" + StructuredOutput.INSTRUCTION + "{\"type\":\"object\"}");
        assertThat(rewritten.maxTokens()).isEqualTo(50);
        assertThat(rewritten.temperature()).isEqualTo(0.5);
    }

    @Test
    void without_a_system_prompt_one_is_added() throws Exception {
        ChatRequest rewritten = StructuredOutput.inPrompt(request(List.of(
                new ChatMessage.User(List.of(new ChatMessage.Part.Text("hi"))))));

        assertThat(rewritten.messages()).hasSize(2);
        assertThat(rewritten.messages().getFirst()).isInstanceOf(ChatMessage.System.class);
    }

    @Test
    void only_grammar_and_sampler_failures_count() {
        assertThat(StructuredOutput.grammarFailed(ApiException.invalidRequest(
                "backend error (HTTP 400): Failed to initialize samplers: std::exception"))).isTrue();
        assertThat(StructuredOutput.grammarFailed(ApiException.invalidRequest("prompt is too long: 5 tokens > 4 maximum")))
                .isFalse();
    }
}
