package dev.localbridge.translate;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.Effort;
import dev.localbridge.anthropic.DocumentText;
import dev.localbridge.anthropic.ImageSource;
import dev.localbridge.anthropic.Message;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.Role;
import dev.localbridge.anthropic.Thinking;
import dev.localbridge.anthropic.Tool;
import dev.localbridge.anthropic.ToolChoice;
import dev.localbridge.error.ApiException;
import dev.localbridge.openai.ChatMessage;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ReasoningEffort;
import dev.localbridge.openai.ChatRequest.ToolChoiceMode;
import java.util.ArrayList;
import java.util.List;

/** Translates an inbound Anthropic Messages request into an upstream chat-completions request. Pure: no I/O. */
public final class RequestTranslator {
    static final String TOOL_ERROR_PREFIX = "Error: ";
    static final String EMPTY_TOOL_RESULT = "(no output)";

    private final ThinkingSignatures signatures;
    private final ImageUrlPolicy imageUrls;

    public RequestTranslator(ThinkingSignatures signatures) {
        this(signatures, ImageUrlPolicy.LIMITED);
    }

    public RequestTranslator(ThinkingSignatures signatures, ImageUrlPolicy imageUrls) {
        this.signatures = signatures;
        this.imageUrls = imageUrls;
    }

    /**
     * @param backendModel the model name the backend knows
     * @param maxTokens the output budget already decided for this request
     */
    public ChatRequest translate(MessagesRequest request, String backendModel, int maxTokens) {
        Conversation.Shaped shaped = Conversation.shape(request.system(), request.messages());
        List<ChatMessage> messages = new ArrayList<>(shaped.turns().size() + 1);
        if (!shaped.system().isEmpty()) {
            messages.add(new ChatMessage.System(shaped.system()));
        }
        for (Message turn : shaped.turns()) {
            switch (turn.role()) {
                case USER -> addUserTurn(messages, turn);
                case ASSISTANT -> messages.add(assistantTurn(turn));
                case SYSTEM -> throw new IllegalStateException("system turns are folded by Conversation");
            }
        }
        boolean prefill = !shaped.turns().isEmpty() && shaped.turns().getLast().role() == Role.ASSISTANT;
        ToolSelection tools = selectTools(request);
        return new ChatRequest(backendModel, messages, tools.tools(), tools.mode(),
                request.toolChoice().parallelAllowed(), maxTokens, request.temperature(), request.topP(),
                request.topK(), request.userId(), request.outputConfig().jsonSchema(),
                reasoning(request, prefill));
    }

    private void addUserTurn(List<ChatMessage> out, Message turn) {
        List<ChatMessage.Part> parts = new ArrayList<>();
        List<ChatMessage.Part> resultImages = new ArrayList<>();
        for (ContentBlock block : turn.content()) {
            switch (block) {
                case ContentBlock.ToolResult result -> out.add(toolMessage(result, resultImages));
                case ContentBlock.Text text -> {
                    if (!text.text().isEmpty()) {
                        parts.add(new ChatMessage.Part.Text(text.text()));
                    }
                }
                case ContentBlock.Image image -> parts.add(imagePart(image));
                case ContentBlock.Document document -> parts.add(new ChatMessage.Part.Text(DocumentText.render(document)));
                case ContentBlock.ToolUse ignored -> throw new IllegalStateException("rejected on reading");
                case ContentBlock.Thinking ignored -> throw new IllegalStateException("rejected on reading");
                case ContentBlock.RedactedThinking ignored -> throw new IllegalStateException("rejected on reading");
            }
        }
        resultImages.addAll(parts);
        if (!resultImages.isEmpty()) {
            out.add(new ChatMessage.User(resultImages));
        }
    }

    /** The reader lets only text and images into a tool result. */
    private static IllegalStateException notInToolResult(ContentBlock block) {
        return new IllegalStateException("a tool result never holds a " + block.getClass().getSimpleName());
    }

    /** Text parts join the tool message; images, which tool messages cannot carry, follow in a user message. */
    private ChatMessage.Tool toolMessage(ContentBlock.ToolResult result, List<ChatMessage.Part> images) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : result.content()) {
            switch (block) {
                case ContentBlock.Text part -> {
                    if (!text.isEmpty() && !part.text().isEmpty()) {
                        text.append('\n');
                    }
                    text.append(part.text());
                }
                case ContentBlock.Image image -> {
                    images.add(new ChatMessage.Part.Text("[image returned by tool call " + result.toolUseId() + "]"));
                    images.add(imagePart(image));
                    text.append(text.isEmpty() ? "" : "\n").append("[image attached below]");
                }
                case ContentBlock.ToolUse ignored -> throw notInToolResult(block);
                case ContentBlock.ToolResult ignored -> throw notInToolResult(block);
                case ContentBlock.Thinking ignored -> throw notInToolResult(block);
                case ContentBlock.RedactedThinking ignored -> throw notInToolResult(block);
                case ContentBlock.Document ignored -> throw notInToolResult(block);
            }
        }
        String content = text.isEmpty() ? EMPTY_TOOL_RESULT : text.toString();
        return new ChatMessage.Tool(result.toolUseId(), result.isError() ? TOOL_ERROR_PREFIX + content : content);
    }

    private ChatMessage.Part imagePart(ContentBlock.Image image) {
        return switch (image.source()) {
            case ImageSource.Base64 base64 -> new ChatMessage.Part.ImageUrl(base64.dataUrl());
            case ImageSource.Url url -> {
                String refusal = imageUrls.refusal(url.url());
                if (refusal != null) {
                    throw ApiException.invalidRequest("image source url: " + refusal);
                }
                yield new ChatMessage.Part.ImageUrl(url.url());
            }
        };
    }

    /** Thinking the bridge signed goes back as {@code reasoning_content}; foreign or redacted thinking is dropped. */
    private ChatMessage.Assistant assistantTurn(Message turn) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ChatMessage.ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : turn.content()) {
            switch (block) {
                case ContentBlock.Text part -> appendParagraph(text, part.text());
                case ContentBlock.Thinking thinking -> {
                    if (signatures.verify(thinking.thinking(), thinking.signature())) {
                        appendParagraph(reasoning, thinking.thinking());
                    }
                }
                case ContentBlock.RedactedThinking ignored -> {
                    // Encrypted by Anthropic: meaningless to a local model.
                }
                case ContentBlock.ToolUse use -> calls.add(new ChatMessage.ToolCall(use.id(), use.name(),
                        use.input().toString()));
                case ContentBlock.Image ignored -> throw new IllegalStateException("rejected on reading");
                case ContentBlock.ToolResult ignored -> throw new IllegalStateException("rejected on reading");
                case ContentBlock.Document ignored -> throw new IllegalStateException("rejected on reading");
            }
        }
        String content = text.isEmpty() && !calls.isEmpty() ? null : text.toString();
        return new ChatMessage.Assistant(content, reasoning.isEmpty() ? null : reasoning.toString(), calls);
    }

    private static void appendParagraph(StringBuilder out, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append("\n\n");
        }
        out.append(text);
    }

    private record ToolSelection(List<ChatRequest.FunctionTool> tools, ToolChoiceMode mode) {
    }

    /** A named tool choice becomes "required" over just that tool: every backend understands that. */
    private static ToolSelection selectTools(MessagesRequest request) {
        List<ChatRequest.FunctionTool> tools = new ArrayList<>(request.tools().size());
        for (Tool tool : request.tools()) {
            if (!tool.deferLoading()) {
                tools.add(new ChatRequest.FunctionTool(tool.name(), tool.description(), tool.inputSchema()));
            }
        }
        if (tools.isEmpty()) {
            if (request.toolChoice() instanceof ToolChoice.Any || request.toolChoice() instanceof ToolChoice.Named) {
                throw ApiException.invalidRequest("tool_choice: requires tools, but the request has none");
            }
            return new ToolSelection(tools, null);
        }
        return switch (request.toolChoice()) {
            case ToolChoice.Auto ignored -> new ToolSelection(tools, ToolChoiceMode.AUTO);
            case ToolChoice.Any ignored -> new ToolSelection(tools, ToolChoiceMode.REQUIRED);
            case ToolChoice.None ignored -> new ToolSelection(tools, ToolChoiceMode.NONE);
            case ToolChoice.Named named -> new ToolSelection(List.of(tools.stream()
                    .filter(t -> t.name().equals(named.name())).findFirst()
                    .orElseThrow(() -> ApiException.invalidRequest(
                            "tool_choice.name: no tool named \"" + named.name() + "\" in tools"))),
                    ToolChoiceMode.REQUIRED);
        };
    }

    /** An assistant prefill cannot be combined with thinking on llama.cpp, so a prefilled turn does not think. */
    private static ChatRequest.Reasoning reasoning(MessagesRequest request, boolean prefill) {
        if (!request.thinking().on() || prefill) {
            return ChatRequest.Reasoning.OFF;
        }
        int budget = request.thinking() instanceof Thinking.Enabled enabled ? enabled.budgetTokens() : 0;
        return new ChatRequest.Reasoning(true, effort(request.outputConfig().effort()), budget);
    }

    private static ReasoningEffort effort(Effort effort) {
        if (effort == null) {
            return null;
        }
        return switch (effort) {
            case LOW -> ReasoningEffort.LOW;
            case MEDIUM -> ReasoningEffort.MEDIUM;
            case HIGH, XHIGH, MAX -> ReasoningEffort.HIGH;
        };
    }
}
