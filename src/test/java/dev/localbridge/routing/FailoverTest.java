package dev.localbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.openai.ChatChunk;
import dev.localbridge.openai.UpstreamFailure;
import org.junit.jupiter.api.Test;

class FailoverTest {
    @Test
    void a_backend_that_let_the_request_down_sends_it_to_the_next() {
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Unreachable("http://a", "refused"))).isTrue();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Status(503, "Loading model"))).isTrue();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Status(502, ""))).isTrue();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Status(429, ""))).isTrue();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Timeout(false, 1000))).isTrue();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Truncated(false))).isTrue();
    }

    @Test
    void a_request_at_fault_or_an_answer_already_begun_is_not_sent_elsewhere() {
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Status(400, "exceeds the context"))).isFalse();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Status(500, "failed to parse"))).isFalse();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Timeout(true, 1000))).isFalse();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Truncated(true))).isFalse();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.Broken("reset"))).isFalse();
        assertThat(Failover.worthAnotherBackend(new UpstreamFailure.InStream(
                new ChatChunk.UpstreamError(500, "server_error", "boom")))).isFalse();
    }
}
