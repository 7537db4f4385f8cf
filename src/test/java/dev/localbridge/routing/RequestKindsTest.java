package dev.localbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Claude Code 2.1.328's real requests are told apart: title and compaction are side requests, turns are main. */
class RequestKindsTest {
    static MessagesRequest fixture(String name) throws Exception {
        String body = Json.parse(Files.readString(ExternalTools.shared().resolve("fixtures/claude-code-2.1.328/"
                + name + ".json"))).path("body").toString();
        return RequestReader.read(body.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void claude_codes_real_requests_are_classified_by_their_shape() throws Exception {
        assertThat(RequestKinds.classify(fixture("interactive-title-000"))).isEqualTo(RequestKind.TITLE);
        assertThat(RequestKinds.classify(fixture("overflow-then-compact-002"))).isEqualTo(RequestKind.COMPACTION);
        assertThat(RequestKinds.classify(fixture("single-turn-000"))).isEqualTo(RequestKind.MAIN);
        assertThat(RequestKinds.classify(fixture("interactive-turn-001"))).isEqualTo(RequestKind.MAIN);
        assertThat(RequestKinds.classify(fixture("tool-loop-001"))).isEqualTo(RequestKind.MAIN);
    }

    @Test
    void every_captured_claude_code_request_is_classified_and_only_title_and_compaction_are_side_requests()
            throws Exception {
        java.util.Map<String, RequestKind> kinds = new java.util.TreeMap<>();
        try (var files = Files.list(ExternalTools.shared().resolve("fixtures/claude-code-2.1.328"))) {
            for (String file : files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).toList()) {
                String name = file.replace(".json", "");
                kinds.put(name, RequestKinds.classify(fixture(name)));
            }
        }
        assertThat(kinds).containsEntry("interactive-title-000", RequestKind.TITLE)
                .containsEntry("overflow-then-compact-002", RequestKind.COMPACTION)
                .containsEntry("overflow-then-compact-003", RequestKind.COMPACTION);
        assertThat(kinds.values()).filteredOn(k -> k == RequestKind.MAIN).hasSize(8);
    }

    static MessagesRequest request(String json) {
        return RequestReader.read(json.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void the_quota_probe_is_answered_by_the_bridge_and_another_one_token_request_needs_the_users_model() {
        RequestKind probe = RequestKinds.classify(request("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"quota\"}]}"));
        RequestKind yesOrNo = RequestKinds.classify(request("{\"model\":\"m\",\"max_tokens\":1,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"Is 7 prime? Answer Y or N.\"}]}"));

        assertThat(probe).isEqualTo(RequestKind.QUOTA_PROBE);
        assertThat(probe.answeredByBridge()).isTrue();
        assertThat(yesOrNo).isEqualTo(RequestKind.MAIN);
        assertThat(yesOrNo.side()).isFalse();
    }

    @Test
    void structured_output_without_tools_is_not_a_title_unless_it_names_a_session() {
        RequestKind extraction = RequestKinds.classify(request("{\"model\":\"m\",\"max_tokens\":100,"
                + "\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Extract the names\"}]}"));

        assertThat(extraction).isEqualTo(RequestKind.MAIN);
    }

    @Test
    void claude_codes_request_class_hint_wins_when_it_says_side() throws Exception {
        assertThat(RequestKinds.classify(fixture("single-turn-000"), "auxiliary")).isEqualTo(RequestKind.AUXILIARY);
        assertThat(RequestKinds.classify(fixture("single-turn-000"), "compaction")).isEqualTo(RequestKind.COMPACTION);
        assertThat(RequestKinds.classify(fixture("single-turn-000"), "main")).isEqualTo(RequestKind.MAIN);
        assertThat(RequestKinds.classify(fixture("interactive-title-000"), "auxiliary")).isEqualTo(RequestKind.TITLE);
    }

    @Test
    void one_conversations_turns_share_a_key_by_prefix_and_side_requests_get_their_own_slot_key() throws Exception {
        ConversationKey first = ConversationKey.of(null, fixture("tool-loop-000"));
        ConversationKey later = ConversationKey.of(null, fixture("tool-loop-001"));
        ConversationKey title = ConversationKey.of(null, fixture("interactive-title-000"));
        assertThat(later).isEqualTo(first);
        assertThat(title.session()).isNotEqualTo(first.session());

        ConversationKey turn = ConversationKey.of("abc", fixture("tool-loop-000"));
        ConversationKey sessionTitle = ConversationKey.of("abc", fixture("interactive-title-000"));
        assertThat(sessionTitle.session()).isEqualTo(turn.session());
        assertThat(sessionTitle.prefix()).isNotEqualTo(turn.prefix());
    }
}
