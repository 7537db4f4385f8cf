package dev.localbridge.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.localbridge.observability.ExchangeListener.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request, built when it ends (never per token): at INFO for messages and token counts, at FINE for
 * the other routes; and, when a file is given, the same as one JSON object per line, written by a background thread.
 * Never any prompt or completion text: only sizes, times, models and outcomes.
 */
public final class RequestLog implements AutoCloseable {
    /** The logger the lines go to: {@code dev.localbridge.requests}. */
    public static final Logger LOG = Logger.getLogger("dev.localbridge.requests");
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream file;
    private final ThreadPoolExecutor writer;

    private RequestLog(OutputStream file) {
        this.file = file;
        this.writer = file == null ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), runnable -> {
                    Thread thread = new Thread(runnable, "localbridge-request-log");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Lines on the terminal only. */
    public static RequestLog terminal() {
        return new RequestLog(null);
    }

    /** Lines on the terminal and JSON lines appended to {@code path}. */
    public static RequestLog withFile(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new RequestLog(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the request log " + path + ": " + e.getMessage(), e);
        }
    }

    void ended(ExchangeRecord record, Outcome outcome) {
        boolean main = record.messages || record.route.equals("/v1/messages/count_tokens");
        Level level = main ? Level.INFO : Level.FINE;
        if (LOG.isLoggable(level)) {
            LOG.log(level, line(record, outcome));
        }
        if (writer != null) {
            byte[] json = json(record, outcome);
            writer.execute(() -> write(json));
        }
    }

    private void write(byte[] json) {
        try {
            file.write(json);
            file.flush();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write the request log: " + e.getMessage());
        }
    }

    /**
     * {@code req_… POST /v1/messages claude-opus-local -> gemma | prompt 13000/32768 (40%) | cached 12000 | out 200 |
     * ttft 450 ms | 24.0 tok/s | end_turn | 8000 ms}; parts that do not apply are left out.
     */
    static String line(ExchangeRecord record, Outcome outcome) {
        StringBuilder line = new StringBuilder(160).append(record.id).append(' ').append(method(record.route))
                .append(' ').append(record.route);
        if (record.messages) {
            line.append(' ').append(record.requestedModel).append(" -> ")
                    .append(record.model == null ? "?" : record.model);
            long prompt = record.promptSeen();
            if (prompt >= 0) {
                line.append(" | prompt ").append(prompt);
                if (record.nCtx > 0) {
                    line.append('/').append(record.nCtx).append(" (")
                            .append(Math.round(100.0 * prompt / record.nCtx)).append("%)");
                }
            }
            if (record.usageKnown) {
                line.append(" | cached ").append(record.cacheReadTokens);
            }
            line.append(" | out ").append(record.outputSoFar());
            double ttft = record.ttftMs();
            if (ttft >= 0) {
                line.append(" | ttft ").append(Math.round(ttft)).append(" ms");
                line.append(" | ").append(String.format(Locale.ROOT, "%.1f", record.tokensPerSecond(record.endedNanos)))
                        .append(" tok/s");
            }
        }
        line.append(" | ").append(describe(outcome)).append(" | ").append(record.durationMs()).append(" ms");
        return line.toString();
    }

    private static String method(String route) {
        return route.startsWith("/v1/messages") ? "POST" : "GET";
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Completed completed -> completed.stopReason().wireName();
            case Outcome.Served served -> "ok";
            case Outcome.Failed failed -> failed.type().wireName() + ": " + failed.message();
            case Outcome.HungUp hungUp -> "client hung up";
        };
    }

    static byte[] json(ExchangeRecord record, Outcome outcome) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(record.endedAtMillis).toString());
            json.writeStringField("id", record.id);
            json.writeStringField("method", method(record.route));
            json.writeStringField("route", record.route);
            if (record.messages) {
                json.writeBooleanField("stream", record.stream);
                json.writeStringField("requested_model", record.requestedModel);
                json.writeStringField("model", record.model);
                json.writeNumberField("prompt_tokens", record.promptSeen());
                json.writeBooleanField("prompt_tokens_exact", record.exact);
                json.writeNumberField("n_ctx", record.nCtx);
                json.writeNumberField("max_tokens", record.maxTokens);
                json.writeNumberField("input_tokens", record.inputTokens);
                json.writeNumberField("cached_tokens", record.cacheReadTokens);
                json.writeNumberField("output_tokens", record.outputSoFar());
                double ttft = record.ttftMs();
                if (ttft >= 0) {
                    json.writeNumberField("ttft_ms", Math.round(ttft * 10) / 10.0);
                    json.writeNumberField("tokens_per_second",
                            Math.round(record.tokensPerSecond(record.endedNanos) * 10) / 10.0);
                }
            }
            json.writeStringField("outcome", LiveView.outcomeName(outcome));
            switch (outcome) {
                case Outcome.Completed completed -> json.writeStringField("stop_reason", completed.stopReason().wireName());
                case Outcome.Failed failed -> {
                    json.writeStringField("error_type", failed.type().wireName());
                    json.writeStringField("error", failed.message());
                }
                case Outcome.Served served -> {
                }
                case Outcome.HungUp hungUp -> {
                }
            }
            json.writeNumberField("duration_ms", record.durationMs());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
            file.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot close the request log: " + e.getMessage());
        }
    }
}
