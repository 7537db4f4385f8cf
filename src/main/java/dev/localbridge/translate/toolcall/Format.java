package dev.localbridge.translate.toolcall;

/**
 * The ways models write a tool call as text. {@code weak} formats look like things people write anyway (JSON,
 * a fenced block), so they count as a call only when nothing but other calls follows them in the message.
 */
public enum Format {
    /** Hermes, Qwen 2.5/3: {@code <tool_call>{"name":…,"arguments":…}</tool_call>}; Qwen3-Coder's XML inside it too. */
    HERMES("<tool_call>", "</tool_call>", false),
    /** Qwen3-Coder without the wrapper {@code <function=NAME><parameter=K>v</parameter></function>}, Llama 3.1's
     * {@code <function=NAME>{…}</function>}. */
    FUNCTION_TAG("<function=", "</function>", false),
    /** Llama 3.x: {@code <|python_tag|>{"name":…,"parameters":…}}, ended by {@code <|eom_id|>} or the stream. */
    PYTHON_TAG("<|python_tag|>", "<|eom_id|>", false),
    /** Mistral: {@code [TOOL_CALLS][{…}]} or {@code [TOOL_CALLS]name[ARGS]{…}}, ended by the stream. */
    MISTRAL("[TOOL_CALLS]", "</s>", false),
    /** DeepSeek V3/R1/V3.1 markers. */
    DEEPSEEK("<｜tool▁calls▁begin｜>", "<｜tool▁calls▁end｜>", false),
    /** DeepSeek single-call markers without the outer pair. */
    DEEPSEEK_CALL("<｜tool▁call▁begin｜>", "<｜tool▁call▁end｜>", false),
    /** Gemma: a fenced {@code tool_code} block with Python call syntax, or {@code tool_call} with JSON. */
    GEMMA_FENCE("```tool_", "\n```", false),
    /** JSON in a {@code ```json} (or bare) fence that names a tool. */
    JSON_FENCE("```", "\n```", true),
    /** Llama 3.2's bare {@code {"name":…,"parameters":…}} at the start of a line. */
    BARE_JSON("{", null, true),
    /** Gemma's call list {@code [name(a=1, b="x")]} at the start of a line. */
    CALL_LIST("[", null, true);

    final String opener;
    /** Null: the candidate ends where its brackets balance. */
    final String terminator;
    final boolean weak;

    Format(String opener, String terminator, boolean weak) {
        this.opener = opener;
        this.terminator = terminator;
        this.weak = weak;
    }

    public boolean weak() {
        return weak;
    }
}
