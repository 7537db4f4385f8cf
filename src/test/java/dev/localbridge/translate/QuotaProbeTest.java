package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.MessageAggregator;
import dev.localbridge.anthropic.MessageResponse;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.anthropic.StopReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuotaProbeTest {
    @Test
    void the_quota_probe_gets_a_complete_one_token_message() {
        MessagesRequest probe = RequestReader.read(("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"quota\"}]}").getBytes(StandardCharsets.UTF_8), true);

        MessageAggregator aggregator = new MessageAggregator();
        QuotaProbe.answer(probe, "msg_probe").forEach(aggregator::accept);
        MessageResponse message = aggregator.build();

        assertThat(message.model()).isEqualTo("claude-haiku-4-5");
        assertThat(message.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(message.content()).containsExactly(new ContentBlock.Text("ok"));
        assertThat(message.usage().outputTokens()).isEqualTo(1);
    }
}
