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

    @Test
    void a_new_conversation_on_a_counted_skeleton_is_bounded_by_the_skeleton_and_the_new_bytes() {
        ConversationSizes sizes = new ConversationSizes();
        var first = ConversationSizes.shape(chat("sys", "hi"), 1000);
        assertThat(sizes.claimSkeleton(first)).isTrue();
        assertThat(sizes.claimSkeleton(first)).as("claimed once while in flight").isFalse();
        sizes.rememberSkeleton(first, 900, 250);

        var other = ConversationSizes.shape(chat("sys", "another session", "ok", "more"), 1400);

        assertThat(sizes.upperBound(other)).hasValue(250 + 500 + 4 * ConversationSizes.TEMPLATE_TOKENS_PER_MESSAGE);
        assertThat(sizes.claimSkeleton(other)).as("known now").isFalse();
        assertThat(sizes.known()).isEqualTo(new ConversationSizes.Known(0, 1));
    }

    @Test
    void a_skeleton_whose_count_failed_is_claimed_again() {
        ConversationSizes sizes = new ConversationSizes();
        var shape = ConversationSizes.shape(chat("sys", "hi"), 1000);
        sizes.claimSkeleton(shape);
        sizes.skeletonFailed(shape);

        assertThat(sizes.claimSkeleton(shape)).isTrue();
        assertThat(sizes.upperBound(shape)).isEmpty();
    }

    @Test
    void the_skeleton_keeps_the_system_prompt_and_tools_and_has_one_empty_user_message() {
        ChatRequest skeleton = ConversationSizes.skeleton(chat("sys", "hi", "hello", "more"));

        assertThat(skeleton.messages()).containsExactly(new ChatMessage.System("sys"),
                new ChatMessage.User(List.of(new ChatMessage.Part.Text(""))));
        assertThat(ConversationSizes.shape(skeleton, 10).conversation())
                .isEqualTo(ConversationSizes.shape(chat("sys", "hi"), 10).conversation());
    }

    @Test
    void without_any_count_the_bound_is_twice_the_bytes_plus_the_template() {
        var shape = ConversationSizes.shape(chat("sys", "hi"), 1000);

        assertThat(ConversationSizes.byteBound(shape)).isEqualTo(2000 + 2 * ConversationSizes.TEMPLATE_TOKENS_PER_MESSAGE
                + ConversationSizes.TEMPLATE_TOKENS_FIXED);
    }
}
