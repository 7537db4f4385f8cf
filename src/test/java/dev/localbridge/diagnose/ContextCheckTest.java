package dev.localbridge.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.backend.BackendInfo;
import org.junit.jupiter.api.Test;

class ContextCheckTest {
    static BackendInfo backend(BackendInfo.Kind kind, int nCtx, int slots) {
        return new BackendInfo(kind, "m", nCtx, slots, "probe", false, BackendInfo.Capabilities.UNKNOWN, "");
    }

    @Test
    void a_small_total_split_over_slots_needs_more_context_not_just_fewer_slots() {
        Outcome outcome = ContextCheck.judge(backend(BackendInfo.Kind.LLAMA_CPP, 4096, 4), 4096, false, 16384);

        assertThat(outcome).isEqualTo(new Outcome.Fail("16384 split over 4 slots = 4096 per slot: too small for"
                + " Claude Code's ~15k-token system prompt", "start llama-server with -c 131072 (or -np 1 -c 32768)"));
    }

    @Test
    void ollama_and_vllm_get_their_own_way_to_raise_the_context() {
        assertThat(ContextCheck.judge(backend(BackendInfo.Kind.OLLAMA, 8192, 1), 8192, false, 16384).fix())
                .startsWith("load the model with more context: OLLAMA_CONTEXT_LENGTH=32768 ollama serve");
        assertThat(ContextCheck.judge(backend(BackendInfo.Kind.VLLM, 8192, 1), 8192, false, 16384).fix())
                .isEqualTo("start vLLM with --max-model-len 32768");
    }

    @Test
    void enough_context_passes_and_says_when_early_answers_are_capped() {
        Outcome outcome = ContextCheck.judge(backend(BackendInfo.Kind.LLAMA_CPP, 28672, 1), 28672, false, 16384);

        assertThat(outcome).isInstanceOf(Outcome.Pass.class);
        assertThat(outcome.detail()).isEqualTo("28672 tokens of context: ~13672 tokens left after Claude Code's"
                + " ~15k-token first request; early answers are capped at what fits (below the 16384-token output"
                + " ceiling)");
    }

    @Test
    void a_configured_context_is_named_as_such() {
        Outcome outcome = ContextCheck.judge(backend(BackendInfo.Kind.OPENAI_COMPATIBLE, 0, 1), 8192, true, 16384);

        assertThat(outcome.detail()).startsWith("8192 tokens per request (--ctx): too small");
        assertThat(outcome.fix()).isEqualTo("give the backend more context and raise --ctx to match (32768 or more)");
    }
}
