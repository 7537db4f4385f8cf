package dev.localbridge.budget;

import dev.localbridge.openai.ChatMessage;
import dev.localbridge.openai.ChatRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Remembers the exact size of each conversation's last request, so the next turn's size can be bounded from
 * above without asking the backend. Claude Code resends a conversation with new messages appended; new content
 * cannot be more tokens than its bytes in the request (every token covers at least one byte), plus a few
 * template tokens per message. When that bound leaves enough room, the bridge need not wait for an exact count.
 */
public final class ConversationSizes {
    static final int TEMPLATE_TOKENS_PER_MESSAGE = 32;
    private static final int MAX_CONVERSATIONS = 1024;

    private final Map<Integer, Counted> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Counted> eldest) {
            return size() > MAX_CONVERSATIONS;
        }
    };

    private record Counted(int[] messages, long bodyBytes, long tokens) {
    }

    /** What identifies a request's conversation and lets the next one be compared with it. */
    public record Shape(int conversation, int[] messages, long bodyBytes) {
        public Shape {
            Objects.requireNonNull(messages);
        }
    }

    /** The conversation is its model, tools and leading system prompt; each message is known by its hash. */
    public static Shape shape(ChatRequest chat, long bodyBytes) {
        List<ChatMessage> messages = chat.messages();
        ChatMessage first = messages.isEmpty() ? null : messages.getFirst();
        int conversation = Objects.hash(chat.model(), chat.tools(),
                first instanceof ChatMessage.System ? first : null);
        int[] hashes = new int[messages.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = messages.get(i).hashCode();
        }
        return new Shape(conversation, hashes, bodyBytes);
    }

    /** An upper bound of the request's tokens, if it extends the conversation's last counted request. */
    public OptionalLong upperBound(Shape shape) {
        Counted last;
        synchronized (entries) {
            last = entries.get(shape.conversation());
        }
        if (last == null || shape.messages().length < last.messages().length
                || shape.bodyBytes() < last.bodyBytes()
                || !Arrays.equals(shape.messages(), 0, last.messages().length, last.messages(), 0,
                        last.messages().length)) {
            return OptionalLong.empty();
        }
        long added = shape.bodyBytes() - last.bodyBytes()
                + (long) TEMPLATE_TOKENS_PER_MESSAGE * (shape.messages().length - last.messages().length);
        return OptionalLong.of(last.tokens() + added);
    }

    public void remember(Shape shape, long tokens) {
        synchronized (entries) {
            entries.put(shape.conversation(), new Counted(shape.messages(), shape.bodyBytes(), tokens));
        }
    }
}
