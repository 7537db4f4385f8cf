package dev.localbridge.budget;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the tokens the backend will really see: the request rendered by the backend's chat template, then
 * tokenized by its tokenizer. Counts are cached per chunk by content hash, so a conversation that grows by
 * appending costs one tokenization per new chunk, not per request.
 */
public final class TokenCounter {
    static final int CHUNK_CHARS = 2048;
    private static final int MAX_ENTRIES = 50_000;

    private final Tokenizer tokenizer;
    private final Map<Key, Integer> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Integer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final LongAdder renders = new LongAdder();
    private final LongAdder tokenizeCalls = new LongAdder();
    private final LongAdder tokenizedChars = new LongAdder();
    private final LongAdder cachedChars = new LongAdder();

    public TokenCounter(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    private record Key(long high, long low, int length, boolean first) {
    }

    public Future<Long> count(byte[] chatBody) {
        renders.increment();
        return tokenizer.render(chatBody).compose(this::countPrompt);
    }

    /**
     * Cached chunks are summed at once; the others are tokenized one after another on one connection:
     * llama-server serves HTTP from a small thread pool, and parallel calls would only queue there.
     */
    Future<Long> countPrompt(String prompt) {
        List<String> chunks = PromptChunks.split(prompt, CHUNK_CHARS);
        long cached = 0;
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Integer known;
            synchronized (cache) {
                known = cache.get(key(chunks.get(i), i == 0));
            }
            if (known == null) {
                missing.add(i);
            } else {
                cached += known;
                cachedChars.add(chunks.get(i).length());
            }
        }
        return tokenizeInTurn(chunks, missing, 0, cached);
    }

    private Future<Long> tokenizeInTurn(List<String> chunks, List<Integer> missing, int next, long total) {
        if (next == missing.size()) {
            return Future.succeededFuture(total);
        }
        int index = missing.get(next);
        String chunk = chunks.get(index);
        tokenizeCalls.increment();
        tokenizedChars.add(chunk.length());
        return tokenizer.count(chunk, index == 0).compose(count -> {
            synchronized (cache) {
                cache.put(key(chunk, index == 0), count);
            }
            return tokenizeInTurn(chunks, missing, next + 1, total + count);
        });
    }

    private static Key key(String chunk, boolean first) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(chunk.getBytes(StandardCharsets.UTF_8));
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (digest[i] & 0xff);
                low = (low << 8) | (digest[8 + i] & 0xff);
            }
            return new Key(high, low, chunk.length(), first);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counters for benchmarks and {@code /metrics}. */
    public record Stats(long renders, long tokenizeCalls, long tokenizedChars, long cachedChars) {
    }

    public Stats stats() {
        return new Stats(renders.sum(), tokenizeCalls.sum(), tokenizedChars.sum(), cachedChars.sum());
    }
}
