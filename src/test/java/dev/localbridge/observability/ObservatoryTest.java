package dev.localbridge.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.anthropic.StopReason;
import dev.localbridge.error.ErrorType;
import dev.localbridge.observability.ExchangeListener.Outcome;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One listener per request feeds the metrics, the live view and the request log. */
class ObservatoryTest {
    final AtomicInteger slots = new AtomicInteger(1);
    final Observatory observatory = new Observatory(
            () -> List.of(new BackendView("http://b", "llama-server", "m", 8192, slots.get(), "ready", true)),
            RequestLog.terminal());

    ExchangeListener messages(String id) {
        ExchangeListener listener = observatory.create(id, "/v1/messages");
        listener.started(true, "claude-opus-local");
        return listener;
    }

    @Test
    void recovered_tool_calls_and_stopped_loops_are_counted_as_they_arrive() {
        ExchangeListener listener = messages("req_1");
        listener.toolCallRecovered();
        listener.toolCallRecovered();
        listener.loopStopped();

        String text = observatory.metrics().prometheus();
        assertThat(text).contains("localbridge_recovered_tool_calls_total 2")
                .contains("localbridge_stopped_loops_total 1");
        listener.ended(new Outcome.Completed(StopReason.TOOL_USE));
    }

    @Test
    void a_request_waiting_behind_a_full_backend_is_queued_and_counted_in_the_queue_depth() {
        ExchangeListener first = messages("req_a");
        first.planned("m", 100, true, 1000, 8192);
        ExchangeListener second = messages("req_b");
        second.planned("m", 100, true, 1000, 8192);
        ExchangeListener third = messages("req_c");

        assertThat(phases()).containsExactly("prefill", "queued", "counting");
        assertThat(observatory.metrics().prometheus()).contains("localbridge_queue_depth{backend=\"http://b\"} 1");

        first.firstToken();
        first.token();
        assertThat(phases()).containsExactly("generating", "queued", "counting");
        slots.set(2);
        assertThat(phases()).containsExactly("generating", "prefill", "counting");
        assertThat(observatory.metrics().prometheus()).contains("localbridge_queue_depth{backend=\"http://b\"} 0");

        first.ended(new Outcome.HungUp());
        second.ended(new Outcome.Failed(ErrorType.OVERLOADED, "busy"));
        third.ended(new Outcome.Completed(StopReason.END_TURN));
        assertThat(observatory.metrics().activeExchanges()).isZero();
        assertThat(observatory.metrics().clientHangups()).isEqualTo(1);
    }

    @Test
    void the_gap_between_tokens_is_observed_from_the_second_token_on() {
        ExchangeListener listener = messages("req_gap");
        listener.planned("m", 10, true, 100, 8192);
        listener.firstToken();
        for (int i = 0; i < 5; i++) {
            listener.token();
        }
        listener.usage(10, 5, 0);
        listener.ended(new Outcome.Completed(StopReason.END_TURN));

        assertThat(observatory.metrics().prometheus()).contains("localbridge_token_gap_seconds_count 4");
    }

    @Test
    void an_end_heard_twice_counts_once() {
        ExchangeListener listener = messages("req_twice");
        listener.ended(new Outcome.HungUp());
        listener.ended(new Outcome.HungUp());

        assertThat(observatory.metrics().clientHangups()).isEqualTo(1);
        assertThat(observatory.metrics().activeExchanges()).isZero();
    }

    List<String> phases() {
        String json = new String(observatory.live().snapshot("test", 16384), java.nio.charset.StandardCharsets.UTF_8);
        return java.util.regex.Pattern.compile("\"phase\":\"([a-z]+)\"").matcher(json).results()
                .map(m -> m.group(1)).toList();
    }
}
