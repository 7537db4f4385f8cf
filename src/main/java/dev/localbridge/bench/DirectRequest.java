package dev.localbridge.bench;

import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.anthropic.Thinking;
import dev.localbridge.budget.OutputBudget;
import dev.localbridge.config.ModelMap;
import dev.localbridge.openai.ChatRequest;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.translate.RequestTranslator;
import dev.localbridge.translate.ThinkingSignatures;
import java.security.SecureRandom;

/**
 * Translates a Messages request into the chat-completions request the bridge would send for it, with the
 * bridge's own translator, model map and output budget, so the direct path measures the same work.
 */
final class DirectRequest {
    private final RequestTranslator translator;
    private final ModelMap models;
    private final String backendModel;
    private final int outputCeiling;
    private final int nCtx;
    private final int minOutputTokens;

    /** @param backendModel the backend's own model (may be null); {@code nCtx} 0 when unknown */
    DirectRequest(ModelMap models, String backendModel, int outputCeiling, int nCtx, int minOutputTokens) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.translator = new RequestTranslator(new ThinkingSignatures(key));
        this.models = models;
        this.backendModel = backendModel;
        this.outputCeiling = outputCeiling;
        this.nCtx = nCtx;
        this.minOutputTokens = minOutputTokens;
    }

    byte[] body(byte[] messagesRequest) {
        MessagesRequest request = RequestReader.read(messagesRequest, true);
        String model = models.resolve(request.model(), backendModel);
        ChatRequest chat = translator.translate(request, model, Math.min(request.maxTokens(), outputCeiling));
        int requestedThinking = request.thinking() instanceof Thinking.Enabled enabled ? enabled.budgetTokens() : 0;
        OutputBudget.Decision budget = OutputBudget.decide(-1, chat.maxTokens(), outputCeiling, nCtx,
                minOutputTokens, chat.reasoning().enabled(), requestedThinking);
        return ChatRequestWriter.write(chat.withBudget(budget.maxTokens(), budget.thinkingBudget()));
    }
}
