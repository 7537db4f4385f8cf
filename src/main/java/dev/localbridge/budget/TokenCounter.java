package dev.localbridge.budget;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
    /** Prompts this long are cut and hashed on a worker thread. */
    static final int OFF_LOOP_CHARS = 256 * 1024;

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
     * llama-server serves HTTP from a small thread pool, and parallel calls would only queue there. Cutting and
     * hashing a large prompt runs on a worker thread, so that it never holds up an event loop.
     */
    Future<Long> countPrompt(String prompt) {
        Context context = Vertx.currentContext();
        if (prompt.length() < OFF_LOOP_CHARS || context == null) {
            return tokenizeMissing(lookUp(prompt));
        }
        return context.executeBlocking(() -> lookUp(prompt), false).compose(this::tokenizeMissing);
    }

    /** The prompt's chunks, the keys of those not in the cache, and the sum of the cached ones' counts. */
    private record Lookup(List<String> chunks, List<Integer> missing, List<Key> missingKeys, long cached) {
    }

    private Lookup lookUp(String prompt) {
        List<String> chunks = PromptChunks.split(prompt, CHUNK_CHARS);
        long cached = 0;
        List<Integer> missing = new ArrayList<>();
        List<Key> missingKeys = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Key key = key(chunks.get(i), i == 0);
            Integer known;
            synchronized (cache) {
                known = cache.get(key);
            }
            if (known == null) {
                missing.add(i);
                missingKeys.add(key);
            } else {
                cached += known;
                cachedChars.add(chunks.get(i).length());
            }
        }
        return new Lookup(chunks, missing, missingKeys, cached);
    }

    private Future<Long> tokenizeMissing(Lookup lookup) {
        return tokenizeInTurn(lookup, 0, lookup.cached());
    }

    private Future<Long> tokenizeInTurn(Lookup lookup, int next, long total) {
        if (next == lookup.missing().size()) {
            return Future.succeededFuture(total);
        }
        int index = lookup.missing().get(next);
        String chunk = lookup.chunks().get(index);
        tokenizeCalls.increment();
        tokenizedChars.add(chunk.length());
        return tokenizer.count(chunk, index == 0).compose(count -> {
            synchronized (cache) {
                cache.put(lookup.missingKeys().get(next), count);
            }
            return tokenizeInTurn(lookup, next + 1, total + count);
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
