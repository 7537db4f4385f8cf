package dev.localbridge.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    /** Renders the body as its own text; one token per whitespace-separated word, plus one for BOS. */
    static final class WordTokenizer implements Tokenizer {
        final List<String> tokenized = new ArrayList<>();

        @Override
        public Future<String> render(byte[] chatBody) {
            return Future.succeededFuture(new String(chatBody, StandardCharsets.UTF_8));
        }

        @Override
        public Future<Integer> count(String text, boolean addSpecial) {
            tokenized.add(text);
            int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
            return Future.succeededFuture(words + (addSpecial ? 1 : 0));
        }

        static long exact(String text) {
            return text.strip().split("\\s+").length + 1;
        }
    }

    static String conversation(int turns) {
        StringBuilder text = new StringBuilder("system: you are a coding agent with many tools\n".repeat(200));
        for (int turn = 0; turn < turns; turn++) {
            text.append("user: please read file number ").append(turn).append('\n');
            text.append("tool: ").append("content of the file line\n".repeat(40));
        }
        return text.toString();
    }

    @Test
    void the_count_equals_the_tokenizers_count_of_the_whole_prompt() {
        WordTokenizer tokenizer = new WordTokenizer();
        TokenCounter counter = new TokenCounter(tokenizer);
        String prompt = conversation(5);

        long counted = counter.count(prompt.getBytes(StandardCharsets.UTF_8)).await();

        assertThat(counted).isEqualTo(WordTokenizer.exact(prompt));
    }

    @Test
    void a_growing_conversation_tokenizes_only_its_new_content() {
        WordTokenizer tokenizer = new WordTokenizer();
        TokenCounter counter = new TokenCounter(tokenizer);
        for (int turns = 1; turns <= 40; turns++) {
            String prompt = conversation(turns);
            tokenizer.tokenized.clear();
            long counted = counter.count(prompt.getBytes(StandardCharsets.UTF_8)).await();
            assertThat(counted).isEqualTo(WordTokenizer.exact(prompt));
            if (turns > 1) {
                int newContent = conversation(turns).length() - conversation(turns - 1).length();
                int tokenizedChars = tokenizer.tokenized.stream().mapToInt(String::length).sum();
                assertThat(tokenizedChars).as("turn " + turns)
                        .isLessThanOrEqualTo(newContent + 2 * TokenCounter.CHUNK_CHARS);
            }
        }
        TokenCounter.Stats stats = counter.stats();
        assertThat(stats.renders()).isEqualTo(40);
        assertThat(stats.cachedChars()).isGreaterThan(stats.tokenizedChars());
    }

    @Test
    void a_repeated_request_is_counted_from_the_cache_alone() {
        WordTokenizer tokenizer = new WordTokenizer();
        TokenCounter counter = new TokenCounter(tokenizer);
        byte[] body = conversation(3).getBytes(StandardCharsets.UTF_8);
        long first = counter.count(body).await();
        tokenizer.tokenized.clear();

        long second = counter.count(body).await();

        assertThat(second).isEqualTo(first);
        assertThat(tokenizer.tokenized).isEmpty();
    }
}
