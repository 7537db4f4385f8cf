package dev.localbridge.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON limits follow the body limit: a valid large request reads; absurd nesting is a clear 400. */
class RequestReaderLimitsTest {

    @Test
    void a_prompt_longer_than_jacksons_default_string_cap_reads() {
        String prompt = "word ".repeat(4_200_000);
        byte[] body = ("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + "\"}]}").getBytes(StandardCharsets.UTF_8);

        MessagesRequest request = RequestReader.read(body, true);

        ContentBlock.Text text = (ContentBlock.Text) request.messages().getFirst().content().getFirst();
        assertThat(text.text()).hasSize(21_000_000);
    }

    @Test
    void nesting_deeper_than_the_limit_is_a_400_naming_the_limit() {
        int depth = RequestReader.MAX_NESTING_DEPTH + 10;
        String deep = "[".repeat(depth) + "]".repeat(depth);
        byte[] body = ("{\"model\":\"m\",\"max_tokens\":5,\"x\":" + deep + ",\"messages\":[]}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RequestReader.read(body, true))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST))
                .hasMessageContaining("nesting depth");
    }
}
