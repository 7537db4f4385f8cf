package dev.localbridge.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a llama-server we started is doing before it listens, in words for the progress line: installing llama.cpp
 * (the {@code scripts/llama-server} wrapper's own lines in the log), or downloading the model it was given with
 * {@code -hf} (llama.cpp writes no progress to a log file, so the growing {@code .downloadInProgress} file in its
 * cache tells how far it is), or just starting.
 */
final class StartupActivity {
    private static final String WRAPPER = "[llama-server-wrapper] ";
    private static final String PARTIAL = ".downloadInProgress";
    private static final int MAX_WORDS = 120;

    private StartupActivity() {
    }

    /**
     * @param logTail the last lines of llama-server's log
     * @param hfRepo the {@code -hf} repository, when the model is downloaded
     * @param caches where llama.cpp may download to
     */
    static String describe(String logTail, Optional<String> hfRepo, List<Path> caches) {
        Optional<String> last = lastLine(logTail);
        if (last.isPresent() && last.get().startsWith(WRAPPER)) {
            return "installing llama.cpp (" + cut(last.get().substring(WRAPPER.length())) + ")";
        }
        if (hfRepo.isPresent()) {
            return "downloading " + hfRepo.get() + partial(caches).map(bytes -> ", " + ModelChoice.gb(bytes)
                    + " so far").orElse("");
        }
        return "starting";
    }

    /** The caches llama.cpp downloads {@code -hf} models to: {@code $LLAMA_CACHE}, its own, and Hugging Face's. */
    static List<Path> caches(java.util.Map<String, String> environment, Path home) {
        String llamaCache = environment.get("LLAMA_CACHE");
        Path own = llamaCache != null && !llamaCache.isBlank() ? Path.of(llamaCache) : home.resolve(".cache/llama.cpp");
        return List.of(own, home.resolve(".cache/huggingface/hub"));
    }

    private static Optional<String> lastLine(String logTail) {
        String[] lines = logTail.split("[\r\n]+");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return Optional.of(lines[i].strip());
            }
        }
        return Optional.empty();
    }

    /** The size of the newest partial download in the caches. */
    static Optional<Long> partial(List<Path> caches) {
        long newest = Long.MIN_VALUE;
        Optional<Long> size = Optional.empty();
        for (Path cache : caches) {
            if (!Files.isDirectory(cache)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(cache, 5)) {
                for (Path file : walk.filter(f -> f.getFileName().toString().endsWith(PARTIAL)).toList()) {
                    long modified = Files.getLastModifiedTime(file).toMillis();
                    if (modified > newest) {
                        newest = modified;
                        size = Optional.of(Files.size(file));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // a cache we cannot read tells nothing
            }
        }
        return size;
    }

    private static String cut(String text) {
        return text.length() <= MAX_WORDS ? text : text.substring(0, MAX_WORDS) + "…";
    }
}
