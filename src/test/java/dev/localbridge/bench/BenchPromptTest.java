package dev.localbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BenchPromptTest {

    @Test
    void claude_codes_request_is_the_captured_one_with_its_twelve_tools() {
        BenchPrompt prompt = BenchPrompt.named("fixture");

        assertThat(prompt.name()).isEqualTo("claude-code");
        assertThat(prompt.body().path("tools").size()).isEqualTo(12);
        assertThat(prompt.body().path("system").get(0).path("text").asText())
                .startsWith("x-anthropic-billing-header:");
    }

    @Test
    void the_nonce_opens_the_first_system_block_the_bridge_keeps_so_the_whole_prompt_is_fresh() {
        ObjectNode run = BenchPrompt.claudeCode().forRun("[bench run 123456789012]", 16);

        assertThat(run.path("system").get(0).path("text").asText()).startsWith("x-anthropic-billing-header:");
        assertThat(run.path("system").get(1).path("text").asText())
                .isEqualTo("[bench run 123456789012]\nYou are a Claude agent, built on Anthropic's Claude Agent SDK.");
        assertThat(run.path("max_tokens").asInt()).isEqualTo(16);
        assertThat(run.path("stream").asBoolean()).isTrue();
    }

    @Test
    void each_run_gets_its_own_copy_of_the_body() {
        BenchPrompt prompt = BenchPrompt.small();

        prompt.forRun("[bench run 100000000000]", 8);

        assertThat(prompt.body().path("system").asText()).isEqualTo("You are a concise assistant.");
        assertThat(prompt.forRun("[bench run 100000000000]", 8).path("system").asText())
                .isEqualTo("[bench run 100000000000]\nYou are a concise assistant.");
    }

    @Test
    void nonces_differ_but_have_one_shape() {
        String first = Nonce.next();
        String second = Nonce.next();

        assertThat(first).isNotEqualTo(second).matches("\\[bench run [1-9]\\d{11}]");
        assertThat(second).matches("\\[bench run [1-9]\\d{11}]");
    }

    @Test
    void an_unknown_prompt_name_is_refused_with_the_choices() {
        assertThatThrownBy(() -> BenchPrompt.named("huge")).hasMessageContaining("use fixture");
    }
}
