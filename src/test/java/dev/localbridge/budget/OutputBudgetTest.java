package dev.localbridge.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import org.junit.jupiter.api.Test;

class OutputBudgetTest {

    @Test
    void max_tokens_is_the_least_of_requested_ceiling_and_the_room_left_in_the_context() {
        assertThat(OutputBudget.decide(1000, 128000, 16384, 32768, 2048, false, 0).maxTokens()).isEqualTo(16384);
        assertThat(OutputBudget.decide(20000, 128000, 16384, 32768, 2048, false, 0).maxTokens()).isEqualTo(12768);
        assertThat(OutputBudget.decide(1000, 500, 16384, 32768, 2048, false, 0).maxTokens()).isEqualTo(500);
    }

    @Test
    void a_prompt_leaving_less_than_the_minimum_room_is_prompt_is_too_long_with_what_fits() {
        assertThatThrownBy(() -> OutputBudget.decide(31000, 128000, 16384, 32768, 2048, false, 0))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("prompt is too long: 31000 tokens > 30720 maximum");
                });
        assertThatThrownBy(() -> OutputBudget.decide(40000, 128000, 16384, 32768, 2048, false, 0))
                .hasMessage("prompt is too long: 40000 tokens > 30720 maximum");
    }

    @Test
    void a_small_request_only_needs_the_room_it_asked_for() {
        assertThat(OutputBudget.decide(32000, 100, 16384, 32768, 2048, false, 0).maxTokens()).isEqualTo(100);
        assertThatThrownBy(() -> OutputBudget.decide(32700, 100, 16384, 32768, 2048, false, 0))
                .hasMessage("prompt is too long: 32700 tokens > 32668 maximum");
    }

    @Test
    void an_unknown_context_or_an_uncounted_prompt_only_applies_the_ceiling() {
        assertThat(OutputBudget.decide(999_999, 128000, 16384, 0, 2048, false, 0).maxTokens()).isEqualTo(16384);
        assertThat(OutputBudget.decide(-1, 128000, 16384, 32768, 2048, false, 0).maxTokens()).isEqualTo(16384);
    }

    @Test
    void thinking_budgets_stay_inside_the_output_budget_with_room_for_the_answer() {
        OutputBudget.Decision small = OutputBudget.decide(30000, 128000, 16384, 32768, 2048, true, 10000);
        assertThat(small.maxTokens()).isEqualTo(2768);
        assertThat(small.thinkingBudget()).isEqualTo(2768 - 692).isLessThan(small.maxTokens());

        OutputBudget.Decision roomy = OutputBudget.decide(1000, 128000, 16384, 32768, 2048, true, 4000);
        assertThat(roomy.thinkingBudget()).isEqualTo(4000);

        OutputBudget.Decision adaptive = OutputBudget.decide(1000, 128000, 16384, 32768, 2048, true, 0);
        assertThat(adaptive.thinkingBudget()).isEqualTo(16384 - 1024);

        assertThat(OutputBudget.decide(1000, 128000, 16384, 32768, 2048, false, 4000).thinkingBudget()).isZero();
    }
}
