package dev.localbridge.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.openai.ChatChunk;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The benchmark for machines: settings, per-prompt medians, every run's raw figures, the bottleneck sentences. */
public final class BenchJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BenchJson() {
    }

    public static String write(BenchResult result) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            settings(json, result.settings());
            json.writeArrayFieldStart("prompts");
            for (PromptOutcome prompt : result.prompts()) {
                prompt(json, prompt);
            }
            json.writeEndArray();
            strings(json, "bottleneck", result.bottleneck());
            strings(json, "notes", result.notes());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void settings(JsonGenerator json, BenchSettings settings) throws IOException {
        BackendInfo backend = settings.backend();
        json.writeObjectFieldStart("backend");
        json.writeStringField("url", settings.backendUrl());
        json.writeStringField("kind", backend.kind().label());
        json.writeStringField("model", backend.model());
        json.writeNumberField("n_ctx", backend.nCtx());
        json.writeNumberField("slots", backend.slots());
        json.writeStringField("detail", backend.detail());
        json.writeEndObject();
        json.writeObjectFieldStart("bridge");
        json.writeStringField("url", settings.bridgeUrl());
        json.writeBooleanField("started_in_process", settings.bridgeInProcess());
        json.writeEndObject();
        json.writeNumberField("warm_ups", settings.warmUps());
        json.writeNumberField("runs", settings.runs());
        json.writeNumberField("max_tokens", settings.maxTokens());
    }

    private static void prompt(JsonGenerator json, PromptOutcome outcome) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", outcome.prompt().name());
        json.writeStringField("description", outcome.prompt().description());
        switch (outcome) {
            case PromptOutcome.Measured measured -> {
                json.writeStringField("status", "measured");
                json.writeNullField("reason");
                summary(json, measured.figures());
            }
            case PromptOutcome.Failed failed -> {
                json.writeStringField("status", "failed");
                json.writeStringField("reason", failed.reason());
                json.writeNullField("summary");
            }
        }
        json.writeArrayFieldStart("runs");
        for (RunPair run : outcome.runs()) {
            json.writeStartObject();
            json.writeNumberField("run", run.run());
            direct(json, run.direct());
            bridge(json, run.bridge());
            number(json, "bridge_added_ms", run.bridgeAddedMs());
            number(json, "stream_overhead_ms_per_token", run.streamOverheadMsPerToken());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void summary(JsonGenerator json, Figures f) throws IOException {
        json.writeObjectFieldStart("summary");
        json.writeStringField("speeds_from", f.serverTimings() ? "llama-server timings" : "client estimate");
        json.writeNumberField("prompt_tokens", f.promptTokens());
        json.writeNumberField("cached_tokens", f.cachedTokens());
        number(json, "prefill_ms", f.prefillMs());
        number(json, "prefill_tokens_per_second", f.prefillTokensPerSecond());
        json.writeNumberField("generated_tokens", f.generatedTokens());
        number(json, "generation_tokens_per_second", f.generationTokensPerSecond());
        number(json, "ttft_direct_ms", f.ttftDirectMs());
        number(json, "ttft_bridge_ms", f.ttftBridgeMs());
        number(json, "bridge_added_ms", f.bridgeAddedMs());
        number(json, "streamed_tokens_per_second_direct", f.clientTokensPerSecondDirect());
        number(json, "streamed_tokens_per_second_bridge", f.clientTokensPerSecondBridge());
        number(json, "tokens_per_second_loss_percent", f.tokensPerSecondLossPercent());
        number(json, "stream_overhead_ms_per_token", f.streamOverheadMsPerToken());
        number(json, "ttft_direct_spread_percent", f.ttftSpreadPercent());
        json.writeEndObject();
    }

    private static void direct(JsonGenerator json, DirectSample sample) throws IOException {
        json.writeObjectFieldStart("direct");
        number(json, "ttft_ms", sample.ttftMs());
        number(json, "total_ms", sample.totalMs());
        number(json, "stream_ms", sample.streamMs());
        json.writeNumberField("prompt_tokens", sample.promptTokens());
        json.writeNumberField("cached_tokens", sample.cachedTokens());
        json.writeNumberField("completion_tokens", sample.completionTokens());
        number(json, "prompt_tokens_per_second", sample.promptTokensPerSecond());
        number(json, "predicted_tokens_per_second", sample.predictedTokensPerSecond());
        number(json, "streamed_tokens_per_second", sample.clientTokensPerSecond());
        timings(json, sample.timings());
        json.writeEndObject();
    }

    private static void timings(JsonGenerator json, ChatChunk.Timings timings) throws IOException {
        if (timings == null) {
            json.writeNullField("timings");
            return;
        }
        json.writeObjectFieldStart("timings");
        json.writeNumberField("cache_n", timings.cacheN());
        json.writeNumberField("prompt_n", timings.promptN());
        json.writeNumberField("prompt_ms", timings.promptMs());
        json.writeNumberField("predicted_n", timings.predictedN());
        json.writeNumberField("predicted_ms", timings.predictedMs());
        json.writeEndObject();
    }

    private static void bridge(JsonGenerator json, BridgeSample sample) throws IOException {
        json.writeObjectFieldStart("bridge");
        number(json, "ttft_ms", sample.ttftMs());
        number(json, "total_ms", sample.totalMs());
        number(json, "stream_ms", sample.streamMs());
        json.writeNumberField("input_tokens", sample.inputTokens());
        json.writeNumberField("cache_read_input_tokens", sample.cacheReadTokens());
        json.writeNumberField("output_tokens", sample.outputTokens());
        json.writeNumberField("prompt_tokens", sample.promptTokens());
        number(json, "streamed_tokens_per_second", sample.clientTokensPerSecond());
        json.writeEndObject();
    }

    /** Numbers that could not be measured (NaN) are null. */
    private static void number(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }

    private static void strings(JsonGenerator json, String field, Iterable<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
