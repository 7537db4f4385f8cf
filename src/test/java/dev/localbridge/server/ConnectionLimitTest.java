package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.config.InboundLimits;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.RawHttp;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Beyond the total connection limit, new connections are closed at once; closing one makes room again. */
class ConnectionLimitTest {

    @Test
    void a_connection_beyond_the_total_limit_is_closed_and_room_returns_when_one_closes() {
        try (ScriptedBackend backend = new ScriptedBackend().fallback(body -> Script.text("ok"));
             BridgeServer bridge = Bridges.start(backend.url(), b -> b.inboundLimits(InboundLimits.DEFAULTS
                     .withHeaderTimeout(Duration.ofMinutes(5)).withConnections(5, 100)))) {
            List<RawHttp> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(RawHttp.connect(bridge.port(), "127.0.0.4"));
                }
                // Each event loop takes its connections in its own time: the sixth must come after the five.
                long admitted = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (bridge.openConnections() < 5 && System.nanoTime() < admitted) {
                    Thread.onSpinWait();
                }
                assertThat(bridge.openConnections()).isEqualTo(5);
                try (RawHttp sixth = RawHttp.connect(bridge.port(), "127.0.0.5")) {
                    sixth.send("GET /api/hello HTTP/1.1\r\nhost: x\r\n\r\n");
                    assertThat(sixth.readUntilClosed(20)).as("refused, with the header timeout at 5 min").isEmpty();
                }
                held.removeFirst().close();
                // The bridge sees the close a moment later: try until it has (each refusal is immediate).
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                int status = -1;
                while (status != 200 && System.nanoTime() < deadline) {
                    try (RawHttp again = RawHttp.connect(bridge.port(), "127.0.0.5")) {
                        again.send("GET /api/hello HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
                        status = RawHttp.status(again.readUntilClosed(20));
                    }
                }
                assertThat(status).isEqualTo(200);
            } finally {
                held.forEach(RawHttp::close);
            }
        }
    }
}
