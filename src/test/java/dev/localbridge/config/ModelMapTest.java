package dev.localbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelMapTest {
    private final ModelMap map = ModelMap.of(Map.of(
            "opus", "qwen3-coder-30b",
            "haiku", "qwen3-4b",
            "default", "gpt-oss-20b"));

    @ParameterizedTest
    @CsvSource({
            "claude-opus-5-5, qwen3-coder-30b",
            "Claude-OPUS-4-1-20250805, qwen3-coder-30b",
            "claude-haiku-4-5, qwen3-4b",
            "claude-sonnet-4-5, gpt-oss-20b",
            "claude-opus-5-5[1m], qwen3-coder-30b",
            "my-own-model, gpt-oss-20b"})
    void a_requested_id_resolves_by_family_else_by_default(String requested, String expected) {
        assertThat(map.resolve(requested, "probed-model")).isEqualTo(expected);
    }

    @Test
    void without_a_default_an_unmapped_family_uses_the_backends_model() {
        ModelMap partial = ModelMap.of(Map.of("opus", "big"));

        assertThat(partial.resolve("claude-sonnet-4-5", "probed-model")).isEqualTo("probed-model");
        assertThat(partial.resolve("claude-opus-5-5", "probed-model")).isEqualTo("big");
    }

    @Test
    void with_no_entries_and_no_backend_model_the_requested_id_is_used() {
        assertThat(ModelMap.empty().resolve("claude-opus-5-5", null)).isEqualTo("claude-opus-5-5");
        assertThat(ModelMap.empty().resolve("claude-opus-5-5", "probed")).isEqualTo("probed");
    }

    @Test
    void keys_are_case_insensitive_and_values_are_stripped() {
        ModelMap normalised = ModelMap.of(Map.of(" Opus ", "  big-model  ", "DEFAULT", "small"));

        assertThat(normalised.resolve("claude-opus-5-5", null)).isEqualTo("big-model");
        assertThat(normalised.resolve("x", null)).isEqualTo("small");
    }

    @Test
    void an_unknown_key_is_refused() {
        assertThatThrownBy(() -> ModelMap.of(Map.of("gpt", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpt");
    }

    @Test
    void a_blank_model_name_is_refused() {
        assertThatThrownBy(() -> ModelMap.of(Map.of("opus", "  ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opus");
    }

    @Test
    void entries_are_listed_in_family_order_then_default() {
        Map<String, String> input = new LinkedHashMap<>();
        input.put("default", "d");
        input.put("haiku", "h");
        input.put("sonnet", "s");
        input.put("opus", "o");

        assertThat(ModelMap.of(input).entries()).containsExactly(
                Map.entry("opus", "o"), Map.entry("sonnet", "s"), Map.entry("haiku", "h"), Map.entry("default", "d"));
        assertThat(ModelMap.empty().entries()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "claude-opus-5-5, opus", "claude-3-5-SONNET-latest, sonnet", "claude-haiku-4-5-20251001, haiku",
            "qwen3, null"})
    void the_family_is_found_in_the_id(String id, String family) {
        assertThat(ModelMap.familyOf(id)).isEqualTo(family);
    }
}
