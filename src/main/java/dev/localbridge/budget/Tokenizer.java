package dev.localbridge.budget;

import io.vertx.core.Future;

/** The backend's own prompt rendering and tokenizer. */
public interface Tokenizer {
    /** The prompt text the backend's chat template makes of a chat-completions body. */
    Future<String> render(byte[] chatBody);

    /** How many tokens the backend's tokenizer makes of {@code text}; special tokens in it are parsed. */
    Future<Integer> count(String text, boolean addSpecial);
}
