package dev.localbridge.diagnose;

import dev.localbridge.testing.Json;
import dev.localbridge.testing.ScriptedBackend;
import io.vertx.core.http.HttpServerRequest;

/**
 * What a llama-server says about itself ({@code /props}, {@code /health}, {@code /v1/models}), served by a
 * {@link ScriptedBackend}: the shape is llama-server b11669's, the values are the test's.
 */
public record LlamaProps(int nCtx, int slots, boolean tools, boolean vision, String template, String reasoningFormat) {
    public static final String MODEL = "/models/qwen3-coder-30b-a3b-q4_k_m.gguf";
    public static final String PLAIN_TEMPLATE = "{%- for message in messages -%}{{- '<|im_start|>' + message.role"
            + " + '\\n' + message.content + '<|im_end|>\\n' -}}{%- endfor -%}";
    public static final String THINKING_TEMPLATE = PLAIN_TEMPLATE + "{%- if enable_thinking -%}<think>\\n{%- endif -%}";

    /** A llama-server ready for Claude Code: 32k per slot, tools, no vision, no thinking. */
    public static LlamaProps ready() {
        return new LlamaProps(32768, 1, true, false, PLAIN_TEMPLATE, "auto");
    }

    public LlamaProps context(int perSlot, int slotCount) {
        return new LlamaProps(perSlot, slotCount, tools, vision, template, reasoningFormat);
    }

    public LlamaProps withoutTools() {
        return new LlamaProps(nCtx, slots, false, vision, template, reasoningFormat);
    }

    public LlamaProps thinking(String format) {
        return new LlamaProps(nCtx, slots, tools, vision, THINKING_TEMPLATE, format);
    }

    public String json() {
        return "{\"default_generation_settings\":{\"params\":{\"reasoning_format\":" + Json.quote(reasoningFormat)
                + ",\"timings_per_token\":false},\"n_ctx\":" + nCtx + "},\"total_slots\":" + slots
                + ",\"model_alias\":" + Json.quote(MODEL) + ",\"model_path\":" + Json.quote(MODEL)
                + ",\"modalities\":{\"vision\":" + vision + ",\"video\":false,\"audio\":false}"
                + ",\"chat_template\":" + Json.quote(template)
                + ",\"chat_template_caps\":{\"supports_parallel_tool_calls\":" + tools
                + ",\"supports_preserve_reasoning\":false,\"supports_reasoning_effort\":false"
                + ",\"supports_system_role\":true,\"supports_tool_calls\":" + tools + ",\"supports_tools\":" + tools
                + "},\"build_info\":\"b11669-Debian\",\"is_sleeping\":false}";
    }

    /** A scripted backend answering like this llama-server. */
    public ScriptedBackend serve() {
        return new ScriptedBackend().routes(this::route);
    }

    private boolean route(HttpServerRequest request) {
        String body = switch (request.path()) {
            case "/props" -> json();
            case "/health" -> "{\"status\":\"ok\"}";
            case "/v1/models" -> "{\"object\":\"list\",\"data\":[{\"id\":" + Json.quote(MODEL)
                    + ",\"object\":\"model\",\"owned_by\":\"llamacpp\"}]}";
            default -> null;
        };
        if (body == null) {
            return false;
        }
        request.response().putHeader("content-type", "application/json").end(body);
        return true;
    }

    /** A scripted backend that answers every request like llama-server loading its model. */
    public static ScriptedBackend loading() {
        return new ScriptedBackend().routes(request -> {
            request.response().setStatusCode(503).putHeader("content-type", "application/json")
                    .end("{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}");
            return true;
        });
    }
}
