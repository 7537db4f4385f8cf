package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.testing.BridgeClient;
import dev.localbridge.testing.Bridges;
import dev.localbridge.testing.RawHttp;
import dev.localbridge.testing.Script;
import dev.localbridge.testing.ScriptedBackend;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client hang-up is normal: one FINE line naming the request, never a warning or a stack trace. */
class HangupLoggingTest {
    static final Logger PROBLEMS = Logger.getLogger(InboundProblems.class.getName());
    final List<LogRecord> loud = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<String> hangups = new LinkedBlockingQueue<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                loud.add(record);
            } else if (record.getMessage().contains("hung up")) {
                hangups.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    ScriptedBackend backend;
    BridgeServer bridge;

    @BeforeEach
    void start() {
        Logger.getLogger("").addHandler(capture);
        PROBLEMS.setLevel(Level.FINE);
        backend = new ScriptedBackend();
        bridge = Bridges.start(backend.url());
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        backend.close();
        Logger.getLogger("").removeHandler(capture);
        PROBLEMS.setLevel(null);
    }

    @Test
    void a_client_hanging_up_mid_body_is_one_fine_line_with_the_request_id() throws InterruptedException {
        try (RawHttp client = RawHttp.connect(bridge.port())) {
            client.send("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: 100\r\n\r\n{\"model\":");
        }
        String line = hangups.poll(20, TimeUnit.SECONDS);
        assertThat(line).isNotNull().startsWith("req_");
        bridge.close(); // everything the bridge had to log is logged
        bridge = null;
        assertThat(hangups).as("one line per hang-up").isEmpty();
        assertThat(loud).isEmpty();
    }

    @Test
    void a_client_hanging_up_mid_stream_logs_nothing_loud() throws InterruptedException {
        backend.enqueue(Script.named("endless").role().content("a").waitForever().build());
        BridgeClient client = new BridgeClient(Bridges.url(bridge));
        try (BridgeClient.Stream stream = client.stream("{\"model\":\"m\",\"max_tokens\":10,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
            stream.until(e -> e.name().equals("content_block_delta"));
        }
        assertThat(backend.awaitHangup(20, TimeUnit.SECONDS)).isEqualTo("endless");
        assertThat(hangups.poll(20, TimeUnit.SECONDS)).isNotNull().startsWith("req_");
        assertThat(loud).isEmpty();
    }
}
