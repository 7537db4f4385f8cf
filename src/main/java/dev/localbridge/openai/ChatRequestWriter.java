package dev.localbridge.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Serialises a {@link ChatRequest} straight to bytes with a streaming generator (no intermediate tree). */
public final class ChatRequestWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChatRequestWriter() {
    }

    /** The streaming request body: {@code stream:true} with usage. */
    public static byte[] write(ChatRequest request) {
        return write(request, true);
    }

    public static byte[] write(ChatRequest request, boolean stream) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(4096);
             JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("model", request.model());
            writeMessages(json, request);
            writeTools(json, request);
            json.writeNumberField("max_tokens", request.maxTokens());
            writeSampling(json, request);
            writeReasoning(json, request.reasoning());
            if (request.responseSchema() != null) {
                json.writeObjectFieldStart("response_format");
                json.writeStringField("type", "json_schema");
                json.writeObjectFieldStart("json_schema");
                json.writeStringField("name", "output");
                json.writeBooleanField("strict", true);
                json.writeFieldName("schema");
                request.responseSchema().write(json);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeBooleanField("stream", stream);
            if (stream) {
                json.writeObjectFieldStart("stream_options");
                json.writeBooleanField("include_usage", true);
                json.writeEndObject();
            }
            json.writeEndObject();
            json.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMessages(JsonGenerator json, ChatRequest request) throws IOException {
        json.writeArrayFieldStart("messages");
        for (ChatMessage message : request.messages()) {
            writeMessage(json, message);
        }
        json.writeEndArray();
    }

    private static void writeMessage(JsonGenerator json, ChatMessage message) throws IOException {
        json.writeStartObject();
        switch (message) {
            case ChatMessage.System system -> {
                json.writeStringField("role", "system");
                json.writeStringField("content", system.content());
            }
            case ChatMessage.User user -> {
                json.writeStringField("role", "user");
                writeUserContent(json, user);
            }
            case ChatMessage.Assistant assistant -> writeAssistant(json, assistant);
            case ChatMessage.Tool tool -> {
                json.writeStringField("role", "tool");
                json.writeStringField("tool_call_id", tool.toolCallId());
                json.writeStringField("content", tool.content());
            }
        }
        json.writeEndObject();
    }

    private static void writeUserContent(JsonGenerator json, ChatMessage.User user) throws IOException {
        boolean textOnly = user.parts().stream().allMatch(p -> p instanceof ChatMessage.Part.Text);
        if (textOnly) {
            StringBuilder text = new StringBuilder();
            for (ChatMessage.Part part : user.parts()) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(((ChatMessage.Part.Text) part).text());
            }
            json.writeStringField("content", text.toString());
            return;
        }
        json.writeArrayFieldStart("content");
        for (ChatMessage.Part part : user.parts()) {
            json.writeStartObject();
            switch (part) {
                case ChatMessage.Part.Text text -> {
                    json.writeStringField("type", "text");
                    json.writeStringField("text", text.text());
                }
                case ChatMessage.Part.ImageUrl image -> {
                    json.writeStringField("type", "image_url");
                    json.writeObjectFieldStart("image_url");
                    json.writeStringField("url", image.url());
                    json.writeEndObject();
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeAssistant(JsonGenerator json, ChatMessage.Assistant assistant) throws IOException {
        json.writeStringField("role", "assistant");
        if (assistant.content() != null) {
            json.writeStringField("content", assistant.content());
        } else {
            json.writeNullField("content");
        }
        if (assistant.reasoning() != null) {
            json.writeStringField("reasoning_content", assistant.reasoning());
        }
        if (assistant.toolCalls().isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("tool_calls");
        for (ChatMessage.ToolCall call : assistant.toolCalls()) {
            json.writeStartObject();
            json.writeStringField("id", call.id());
            json.writeStringField("type", "function");
            json.writeObjectFieldStart("function");
            json.writeStringField("name", call.name());
            json.writeStringField("arguments", call.argumentsJson());
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeTools(JsonGenerator json, ChatRequest request) throws IOException {
        if (request.tools().isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("tools");
        for (ChatRequest.FunctionTool tool : request.tools()) {
            json.writeStartObject();
            json.writeStringField("type", "function");
            json.writeObjectFieldStart("function");
            json.writeStringField("name", tool.name());
            json.writeStringField("description", tool.description());
            json.writeFieldName("parameters");
            tool.parameters().write(json);
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        if (request.toolChoice() != null) {
            json.writeStringField("tool_choice", request.toolChoice().wireName());
        }
        json.writeBooleanField("parallel_tool_calls", request.parallelToolCalls());
    }

    private static void writeSampling(JsonGenerator json, ChatRequest request) throws IOException {
        if (request.temperature() != null) {
            json.writeNumberField("temperature", request.temperature());
        }
        if (request.topP() != null) {
            json.writeNumberField("top_p", request.topP());
        }
        if (request.topK() != null) {
            json.writeNumberField("top_k", request.topK());
        }
        if (request.user() != null) {
            json.writeStringField("user", request.user());
        }
    }

    private static void writeReasoning(JsonGenerator json, ChatRequest.Reasoning reasoning) throws IOException {
        json.writeObjectFieldStart("chat_template_kwargs");
        json.writeBooleanField("enable_thinking", reasoning.enabled());
        json.writeEndObject();
        if (reasoning.enabled() && reasoning.effort() != null) {
            json.writeStringField("reasoning_effort", reasoning.effort().wireName());
        }
        if (reasoning.enabled() && reasoning.budgetTokens() > 0) {
            // llama.cpp builds differ in which of the two names they read; others ignore both.
            json.writeNumberField("thinking_budget_tokens", reasoning.budgetTokens());
            json.writeNumberField("reasoning_budget_tokens", reasoning.budgetTokens());
        }
    }
}
