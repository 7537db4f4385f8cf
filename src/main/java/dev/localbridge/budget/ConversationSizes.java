package dev.localbridge.budget;

import dev.localbridge.openai.ChatMessage;
import dev.localbridge.openai.ChatRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Bounds a request's size from above without asking the backend, from what earlier counts taught:
 * <ul>
 *   <li>a later turn of a known conversation (Claude Code resends a conversation with messages appended): the
 *       last count of that conversation plus the new messages;</li>
 *   <li>a new conversation whose skeleton (model, tools and system prompt, what every Claude Code session and
 *       subagent repeats) was counted once on its own: that count plus the messages;</li>
 *   <li>anything else: the request's bytes, doubled (a chat template may render JSON with spaces), plus the
 *       template's own text.</li>
 * </ul>
 * Messages cannot be more tokens than their bytes in the request (every token covers at least one byte), plus a
 * few template tokens each. When the bound leaves enough room, the bridge need not wait for an exact count.
 */
public final class ConversationSizes {
    static final int TEMPLATE_TOKENS_PER_MESSAGE = 32;
    /** What a chat template adds once, whatever the request: tool-calling instructions, a generation prompt. */
    static final int TEMPLATE_TOKENS_FIXED = 1024;
    private static final int MAX_CONVERSATIONS = 1024;

    private final Map<Integer, Counted> entries = lru();
    private final Map<Integer, Counted> skeletons = lru();
    private final Set<Integer> skeletonsInFlight = new HashSet<>();

    private record Counted(int[] messages, long bodyBytes, long tokens) {
    }

    private static Map<Integer, Counted> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Counted> eldest) {
                return size() > MAX_CONVERSATIONS;
            }
        };
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
        int[] hashes = new int[messages.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = messages.get(i).hashCode();
        }
        return new Shape(conversation(chat), hashes, bodyBytes);
    }

    private static int conversation(ChatRequest chat) {
        ChatMessage first = chat.messages().isEmpty() ? null : chat.messages().getFirst();
        return Objects.hash(chat.model(), chat.tools(), first instanceof ChatMessage.System ? first : null);
    }

    /**
     * The request's skeleton: the same request with its system prompt (if any) and one empty user message instead
     * of its conversation (a chat template may insist on a user message). Counted once per skeleton.
     */
    public static ChatRequest skeleton(ChatRequest chat) {
        List<ChatMessage> messages = new ArrayList<>(2);
        if (!chat.messages().isEmpty() && chat.messages().getFirst() instanceof ChatMessage.System system) {
            messages.add(system);
        }
        messages.add(new ChatMessage.User(List.of(new ChatMessage.Part.Text(""))));
        return new ChatRequest(chat.model(), messages, chat.tools(), chat.toolChoice(), chat.parallelToolCalls(),
                chat.maxTokens(), chat.temperature(), chat.topP(), chat.topK(), chat.user(), chat.responseSchema(),
                chat.reasoning());
    }

    /** An upper bound of the request's tokens from earlier counts, if any applies (see the class comment). */
    public OptionalLong upperBound(Shape shape) {
        Counted last;
        Counted skeleton;
        synchronized (this) {
            last = entries.get(shape.conversation());
            skeleton = skeletons.get(shape.conversation());
        }
        if (last != null && continues(shape, last)) {
            return OptionalLong.of(last.tokens() + shape.bodyBytes() - last.bodyBytes()
                    + (long) TEMPLATE_TOKENS_PER_MESSAGE * (shape.messages().length - last.messages().length));
        }
        if (skeleton != null) {
            return OptionalLong.of(skeleton.tokens() + Math.max(0, shape.bodyBytes() - skeleton.bodyBytes())
                    + (long) TEMPLATE_TOKENS_PER_MESSAGE * shape.messages().length);
        }
        return OptionalLong.empty();
    }

    private static boolean continues(Shape shape, Counted last) {
        return shape.messages().length >= last.messages().length && shape.bodyBytes() >= last.bodyBytes()
                && Arrays.equals(shape.messages(), 0, last.messages().length, last.messages(), 0,
                        last.messages().length);
    }

    /** The bound that needs no earlier count: twice the request's bytes plus the template's text. */
    public static long byteBound(Shape shape) {
        return 2 * shape.bodyBytes() + (long) TEMPLATE_TOKENS_PER_MESSAGE * shape.messages().length
                + TEMPLATE_TOKENS_FIXED;
    }

    public void remember(Shape shape, long tokens) {
        synchronized (this) {
            entries.put(shape.conversation(), new Counted(shape.messages(), shape.bodyBytes(), tokens));
        }
    }

    /**
     * Whether the caller should count this request's skeleton: true once per skeleton not yet known, until its
     * count is remembered or {@linkplain #skeletonFailed failed}.
     */
    public boolean claimSkeleton(Shape shape) {
        synchronized (this) {
            return !skeletons.containsKey(shape.conversation()) && skeletonsInFlight.add(shape.conversation());
        }
    }

    /** The exact size of the skeleton of {@code shape}'s conversation, serialised in {@code bodyBytes}. */
    public void rememberSkeleton(Shape shape, long bodyBytes, long tokens) {
        synchronized (this) {
            skeletonsInFlight.remove(shape.conversation());
            skeletons.put(shape.conversation(), new Counted(new int[0], bodyBytes, tokens));
        }
    }

    /** How many conversations and skeletons the bounds can draw on now (for {@code /health}). */
    public record Known(int conversations, int skeletons) {
    }

    public Known known() {
        synchronized (this) {
            return new Known(entries.size(), skeletons.size());
        }
    }

    public void skeletonFailed(Shape shape) {
        synchronized (this) {
            skeletonsInFlight.remove(shape.conversation());
        }
    }
}
