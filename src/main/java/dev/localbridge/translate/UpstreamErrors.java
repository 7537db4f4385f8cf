package dev.localbridge.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.UpstreamFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates backend errors into Anthropic errors. Nothing is passed through: llama-server answers many
 * client mistakes with 500, which Claude Code would retry ten times, so deterministic failures become 400
 * (or are marked not retryable), and every backend's context overflow becomes Anthropic's
 * {@code prompt is too long: N tokens > M maximum}, which makes Claude Code compact.
 */
public final class UpstreamErrors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Context overflow wordings: (prompt tokens, maximum) in that group order. */
    private static final List<Pattern> OVERFLOW = List.of(
            // llama-server
            Pattern.compile("request \\((\\d+) tokens\\) exceeds the available context size \\((\\d+) tokens\\)"));
    /**
     * vLLM, SGLang, OpenAI-style: the maximum first, then the requested size. Older vLLM: "… However, you requested
     * 9000 tokens …"; newer: "… However, your request has 9000 input tokens …". vLLM's "max_tokens is too large …
     * and your request has N input tokens" is not an overflow of the prompt and does not match.
     */
    private static final Pattern OVERFLOW_MAX_FIRST = Pattern.compile(
            "maximum context length is (\\d+) tokens.*?(?:requested|However, your request has) (\\d+) (?:input )?tokens",
            Pattern.DOTALL);

    /** 500s from llama-server that are the request's fault, not the server's: retrying cannot help. */
    private static final List<String> DETERMINISTIC = List.of(
            "failed to initialize samplers", "requires --jinja", "image input is not supported",
            "multimodal", "mmproj", "failed to parse", "json schema", "grammar", "unsupported", "not supported",
            "chat template", "prefill", "invalid", "tool call", "cannot use tools");

    private UpstreamErrors() {
    }

    /** The one Anthropic error for each way a backend can fail. */
    public static ApiException from(UpstreamFailure failure) {
        return switch (failure) {
            case UpstreamFailure.Unreachable u -> unreachable(u.backend(), u.cause());
            case UpstreamFailure.Status s -> fromHttp(s.status(), s.body().getBytes(StandardCharsets.UTF_8));
            case UpstreamFailure.InStream e -> fromStreamError(e.error());
            case UpstreamFailure.Truncated t -> ApiException.apiError(t.anythingReceived()
                    ? "the backend's answer ended before it was complete (no finish_reason and no [DONE]); "
                            + "it may have crashed or been restarted"
                    : "the backend answered with an empty body instead of an event stream", null);
            case UpstreamFailure.Timeout t -> ApiException.overloaded(t.answerBegun()
                    ? "the backend went silent for " + t.millis() + " ms in the middle of its answer"
                    : "the backend did not begin its answer within " + t.millis()
                            + " ms (all slots busy, or a very slow prefill); see the upstream timeouts");
            case UpstreamFailure.Unreadable u -> ApiException.apiError("the backend's answer could not be read: "
                    + u.what(), null);
            case UpstreamFailure.Broken b -> ApiException.apiError("the backend connection failed mid-answer: "
                    + b.cause(), null);
        };
    }

    /** An HTTP error response from the backend. */
    public static ApiException fromHttp(int status, byte[] body) {
        Parsed parsed = parse(body);
        return classify(status, parsed.type(), parsed.message(), parsed.body());
    }

    /** An error object sent inside an upstream stream. */
    public static ApiException fromStreamError(ChatChunk.UpstreamError error) {
        return classify(error.code() == 0 ? 500 : error.code(), error.type(), error.message(), null);
    }

    /** The backend could not be reached at all. */
    public static ApiException unreachable(String backend, String cause) {
        return ApiException.overloaded("backend " + backend + " is unreachable (" + cause
                + "); is llama-server running? `localbridge up` starts it");
    }

    private static ApiException classify(int status, String type, String message, JsonNode body) {
        ApiException overflow = overflow(type, message, body);
        if (overflow != null) {
            return overflow;
        }
        String text = "backend error (HTTP " + status + "): " + message;
        return switch (status) {
            case 400, 422 -> ApiException.invalidRequest(text);
            case 401, 403 -> ApiException.of(ErrorType.API, "the backend refused the bridge's credentials (HTTP "
                    + status + ": " + message + "); set the backend API key in the bridge's configuration")
                    .notRetryable();
            case 404 -> ApiException.of(ErrorType.NOT_FOUND, text);
            case 413 -> ApiException.of(ErrorType.REQUEST_TOO_LARGE, text);
            case 408, 504 -> ApiException.of(ErrorType.TIMEOUT, text);
            case 429 -> ApiException.of(ErrorType.RATE_LIMIT, text);
            case 501 -> ApiException.invalidRequest(text);
            case 502, 503 -> ApiException.overloaded(text);
            default -> serverError(status, text, message);
        };
    }

    private static ApiException serverError(int status, String text, String message) {
        if (status < 500) {
            return ApiException.invalidRequest(text);
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("loading model") || lower.contains("unavailable") || lower.contains("overloaded")) {
            return ApiException.overloaded(text);
        }
        for (String marker : DETERMINISTIC) {
            if (lower.contains(marker)) {
                return ApiException.invalidRequest(text);
            }
        }
        return ApiException.apiError(text, null).notRetryable();
    }

    private static ApiException overflow(String type, String message, JsonNode body) {
        if ("exceed_context_size_error".equals(type) && body != null) {
            JsonNode error = body.path("error");
            if (error.path("n_prompt_tokens").canConvertToLong() && error.path("n_ctx").canConvertToLong()) {
                return ApiException.promptTooLong(error.path("n_prompt_tokens").asLong(), error.path("n_ctx").asLong());
            }
        }
        for (Pattern pattern : OVERFLOW) {
            Matcher m = pattern.matcher(message);
            if (m.find()) {
                return ApiException.promptTooLong(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            }
        }
        Matcher m = OVERFLOW_MAX_FIRST.matcher(message);
        if (m.find()) {
            return ApiException.promptTooLong(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)));
        }
        if (message.toLowerCase(Locale.ROOT).contains("prompt is too long")) {
            return ApiException.invalidRequest(message);
        }
        return null;
    }

    private record Parsed(String type, String message, JsonNode body) {
    }

    /** Reads llama.cpp/OpenAI {@code {"error":{…}}}, Ollama {@code {"error":"…"}}, vLLM and FastAPI shapes. */
    private static Parsed parse(byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null && root.isObject()) {
                JsonNode error = root.path("error");
                if (error.isObject()) {
                    return new Parsed(text(error, "type"), orRaw(text(error, "message"), raw), root);
                }
                if (error.isTextual()) {
                    return new Parsed(null, error.textValue(), root);
                }
                String message = root.hasNonNull("message") ? root.path("message").asText()
                        : root.hasNonNull("detail") ? root.path("detail").toString() : raw;
                return new Parsed(text(root, "type"), message, root);
            }
        } catch (IOException e) {
            // Not JSON: use the raw text.
        }
        return new Parsed(null, raw.isEmpty() ? "(empty body)" : abbreviate(raw), null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static String orRaw(String message, String raw) {
        return message != null ? message : abbreviate(raw);
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
