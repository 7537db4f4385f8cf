package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.MessageAggregator;
import dev.localbridge.anthropic.MessageResponse;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.anthropic.StopReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The side requests in Claude Code's real traffic are recognised; the conversation's turns are not. */
class SideRequestsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static MessagesRequest fixture(Path file) throws Exception {
        JsonNode body = MAPPER.readTree(file.toFile()).path("body");
        return RequestReader.read(MAPPER.writeValueAsBytes(body), true);
    }

    @Test
    void every_captured_claude_code_request_is_classified() throws Exception {
        Map<String, SideRequests.Kind> kinds = new TreeMap<>();
        for (Path file : Fixtures.claudeCodeRequests()) {
            kinds.put(file.getFileName().toString(), SideRequests.classify(fixture(file)));
        }
        assertThat(kinds).containsEntry("interactive-title-000.json", SideRequests.Kind.SESSION_TITLE)
                .containsEntry("overflow-then-compact-002.json", SideRequests.Kind.COMPACTION)
                .containsEntry("overflow-then-compact-003.json", SideRequests.Kind.COMPACTION)
                .containsEntry("interactive-turn-001.json", SideRequests.Kind.MAIN)
                .containsEntry("single-turn-000.json", SideRequests.Kind.MAIN)
                .containsEntry("tool-loop-001.json", SideRequests.Kind.MAIN);
        assertThat(kinds.values()).filteredOn(k -> k == SideRequests.Kind.MAIN).hasSize(8);
    }

    @Test
    void a_one_token_probe_is_answered_by_the_bridge_as_a_complete_message() {
        MessagesRequest probe = RequestReader.read(("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"quota\"}]}").getBytes(StandardCharsets.UTF_8), true);
        assertThat(SideRequests.classify(probe)).isEqualTo(SideRequests.Kind.QUOTA_PROBE);

        MessageAggregator aggregator = new MessageAggregator();
        SideRequests.answer(probe, "msg_probe").forEach(aggregator::accept);
        MessageResponse message = aggregator.build();

        assertThat(message.model()).isEqualTo("claude-haiku-4-5");
        assertThat(message.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(message.content()).containsExactly(new ContentBlock.Text("ok"));
        assertThat(message.usage().outputTokens()).isEqualTo(1);
    }

    @Test
    void a_one_token_request_that_is_not_the_probe_needs_a_model() {
        MessagesRequest yesOrNo = RequestReader.read(("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"Is 7 prime? Answer Y or N.\"}]}").getBytes(StandardCharsets.UTF_8), true);

        assertThat(SideRequests.classify(yesOrNo)).isEqualTo(SideRequests.Kind.MAIN);
        assertThat(SideRequests.answeredByBridge(SideRequests.classify(yesOrNo))).isFalse();
    }
}
