package dev.localbridge.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.openai.ChatMessage;
import dev.localbridge.openai.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationSizesTest {

    static ChatRequest chat(String system, String... turns) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage.System(system));
        for (int i = 0; i < turns.length; i++) {
            messages.add(i % 2 == 0 ? new ChatMessage.User(List.of(new ChatMessage.Part.Text(turns[i])))
                    : new ChatMessage.Assistant(turns[i], null, List.of()));
        }
        return new ChatRequest("m", messages, List.of(), null, true, 100, null, null, null, null, null,
                ChatRequest.Reasoning.OFF);
    }

    @Test
    void an_unknown_conversation_has_no_bound() {
        assertThat(new ConversationSizes().upperBound(ConversationSizes.shape(chat("sys", "hi"), 100))).isEmpty();
    }

    @Test
    void a_turn_appended_to_a_counted_conversation_is_bounded_by_its_bytes_and_template_tokens() {
        ConversationSizes sizes = new ConversationSizes();
        sizes.remember(ConversationSizes.shape(chat("sys", "hi"), 1000), 300);

        var next = ConversationSizes.shape(chat("sys", "hi", "hello!", "read the file"), 1250);

        assertThat(sizes.upperBound(next)).hasValue(300 + 250 + 2 * ConversationSizes.TEMPLATE_TOKENS_PER_MESSAGE);
    }

    @Test
    void an_earlier_message_that_changed_means_no_bound() {
        ConversationSizes sizes = new ConversationSizes();
        sizes.remember(ConversationSizes.shape(chat("sys", "hi", "hello!"), 1000), 300);

        assertThat(sizes.upperBound(ConversationSizes.shape(chat("sys", "hi", "HELLO!", "next"), 1100))).isEmpty();
        assertThat(sizes.upperBound(ConversationSizes.shape(chat("sys", "hi"), 900))).isEmpty();
    }

    @Test
    void another_system_prompt_is_another_conversation() {
        ConversationSizes sizes = new ConversationSizes();
        sizes.remember(ConversationSizes.shape(chat("sys", "hi"), 1000), 300);

        assertThat(sizes.upperBound(ConversationSizes.shape(chat("other", "hi", "a", "b"), 1100))).isEmpty();
    }
}
