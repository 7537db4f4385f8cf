package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.backend.BackendInfo;
import java.util.OptionalInt;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class StartupFactsTest {
    static BackendInfo llama(int nCtx, int slots) {
        return new BackendInfo(BackendInfo.Kind.LLAMA_CPP, "m.gguf", nCtx, slots, "llama-server /props", true,
                BackendInfo.Capabilities.UNKNOWN, "");
    }

    @Test
    void a_window_that_holds_claude_code_says_so_with_the_output_budget() {
        StartupFacts facts = StartupFacts.of(llama(65536, 1), 16384, 2048, OptionalInt.of(65536), false);

        assertThat(facts.level()).isEqualTo(Level.INFO);
        assertThat(facts.line()).isEqualTo("Window: 65536 tokens per request (llama-server /props), answers up to"
                + " 16384 tokens: fits Claude Code (~13k-token first request, ~53k left for the conversation).");
    }

    @Test
    void when_the_window_bounds_the_answer_the_budget_says_how() {
        StartupFacts facts = StartupFacts.of(llama(24576, 1), 16384, 2048, OptionalInt.empty(), false);

        assertThat(facts.line()).isEqualTo("Window: 24576 tokens per request (llama-server /props), answers up to"
                + " ~12k tokens on Claude Code's first request, less as the conversation grows (ceiling 16384): fits"
                + " Claude Code (~13k-token first request, ~12k left for the conversation).");
    }

    @Test
    void a_model_whose_training_context_capped_the_slot_gets_a_loud_warning_and_what_to_do() {
        StartupFacts facts = StartupFacts.of(llama(4096, 1), 16384, 2048, OptionalInt.of(32768), false);

        assertThat(facts.level()).isEqualTo(Level.WARNING);
        assertThat(facts.line()).isEqualTo("!! Window: 4096 tokens per request (llama-server /props; llama-server"
                + " capped --ctx 32768 at the model's training context) is too small for Claude Code: its first"
                + " request alone is ~13k tokens, so every request will be answered 'prompt is too long'. Use a model"
                + " trained for 32768+ tokens of context (`localbridge up` without --model chooses one).");
    }

    @Test
    void a_tight_window_warns_that_claude_code_will_compact_often() {
        StartupFacts facts = StartupFacts.of(llama(20480, 2), 16384, 2048, OptionalInt.of(20480), false);

        assertThat(facts.level()).isEqualTo(Level.WARNING);
        assertThat(facts.line()).startsWith("Window: 20480 tokens per request (llama-server /props, 2 slots), answers"
                + " up to ~7k tokens").contains("tight for Claude Code")
                .endsWith("Start with --ctx 32768 (each of the 2 --parallel slots gets it).");
    }

    @Test
    void a_backend_we_did_not_start_gets_advice_for_its_kind() {
        BackendInfo ollama = new BackendInfo(BackendInfo.Kind.OLLAMA, "qwen3", 8192, 1, "Ollama /api/ps context_length",
                false, BackendInfo.Capabilities.UNKNOWN, "");

        assertThat(StartupFacts.of(ollama, 16384, 2048, OptionalInt.empty(), false).line())
                .endsWith("Load the model with more context: OLLAMA_CONTEXT_LENGTH=32768 ollama serve.");
        assertThat(StartupFacts.of(llama(8192, 4), 16384, 2048, OptionalInt.empty(), false).line())
                .endsWith("Start llama-server with -np 1, or -c 131072.");
        assertThat(StartupFacts.of(llama(8192, 1).withConfiguredContext(8192), 16384, 2048, OptionalInt.empty(), true)
                .line()).contains("(configured (--ctx 8192))").endsWith("raise --ctx to match (32768).");
    }

    @Test
    void an_unknown_window_or_a_backend_that_is_not_up_yet_is_said() {
        BackendInfo unknown = new BackendInfo(BackendInfo.Kind.OPENAI_COMPATIBLE, null, 0, 1,
                "unknown: the backend does not say; set --ctx", false, BackendInfo.Capabilities.UNKNOWN, "");

        assertThat(StartupFacts.of(unknown, 16384, 2048, OptionalInt.empty(), false).line())
                .isEqualTo("Window: unknown (unknown: the backend does not say; set --ctx), so the bridge cannot keep"
                        + " prompts and answers inside it; answers up to 16384 tokens. Pass --ctx N, N being the"
                        + " context your server gives one request.");
        assertThat(StartupFacts.of(BackendInfo.down(BackendInfo.Kind.UNREACHABLE, "http://127.0.0.1:8080: refused"),
                16384, 2048, OptionalInt.empty(), false).line())
                .isEqualTo("Window: not known yet, the backend is unreachable: http://127.0.0.1:8080: refused; the"
                        + " bridge answers 'overloaded' until it serves, then reads its context.");
    }
}
