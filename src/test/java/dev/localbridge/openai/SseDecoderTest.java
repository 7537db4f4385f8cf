package dev.localbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseDecoderTest {
    private final List<String> seen = new ArrayList<>();
    private final SseDecoder.Listener recorder = new SseDecoder.Listener() {
        @Override
        public void onPayload(String event, byte[] bytes, int start, int length) {
            seen.add((event == null ? "" : event + "|") + new String(bytes, start, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onDone() {
            seen.add("[DONE]");
        }
    };

    private static final String STREAM = ": keep-alive comment\n"
            + "data: {\"a\":1}\n\n"
            + "data:{\"b\":\"é\"}\r\n\r\n"
            + "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
            + "error: {\"error\":{\"message\":\"boom\"}}\n\n"
            + "{\"bare\":true}\n"
            + "id: 7\nretry: 100\n"
            + "data: [DONE]\n\n";

    private static final List<String> EXPECTED = List.of("{\"a\":1}", "{\"b\":\"é\"}",
            "message_start|{\"type\":\"message_start\"}", "error|{\"error\":{\"message\":\"boom\"}}",
            "{\"bare\":true}", "[DONE]");

    @Test
    void data_error_and_bare_json_lines_are_payloads_and_done_ends() throws IOException {
        SseDecoder decoder = new SseDecoder(1024, recorder);
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);

        decoder.feed(bytes, 0, bytes.length);

        assertThat(seen).isEqualTo(EXPECTED);
    }

    @Test
    void the_same_payloads_come_out_whatever_the_network_splits() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            seen.clear();
            SseDecoder decoder = new SseDecoder(1024, recorder);
            int at = 0;
            while (at < bytes.length) {
                int size = Math.min(bytes.length - at, 1 + random.nextInt(12));
                decoder.feed(bytes, at, size);
                at += size;
            }
            decoder.finish();
            assertThat(seen).as("run %d", run).isEqualTo(EXPECTED);
        }
    }

    @Test
    void a_last_line_without_its_newline_still_counts_at_the_end() throws IOException {
        SseDecoder.readAll(new ByteArrayInputStream("data: {\"last\":1}".getBytes(StandardCharsets.UTF_8)), 1024,
                recorder);

        assertThat(seen).containsExactly("{\"last\":1}");
    }

    @Test
    void a_line_longer_than_the_limit_is_refused_whole_or_split() {
        byte[] line = ("data: " + "x".repeat(100) + "\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new SseDecoder(50, recorder).feed(line, 0, line.length))
                .isInstanceOf(SseDecoder.LineTooLongException.class);
        SseDecoder split = new SseDecoder(50, recorder);
        assertThatThrownBy(() -> {
            split.feed(line, 0, 30);
            split.feed(line, 30, 40);
        }).isInstanceOf(SseDecoder.LineTooLongException.class);
        assertThat(seen).isEmpty();
    }
}
