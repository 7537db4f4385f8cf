package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggingTest {
    /** Collects formatted lines, as the console would print them. */
    static final class Lines extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                lines.add(getFormatter().format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @AfterEach
    void restore() {
        Logger.getLogger("").setLevel(Level.INFO);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Logger.getLogger("").removeHandler(handler);
        }
    }

    @Test
    void fine_level_shows_fine_records() {
        Lines out = new Lines();
        Logging.configure("FINE", out);
        Logger.getLogger("dev.localbridge.server.Routes").fine("a fine detail");
        assertThat(out.lines).anyMatch(line -> line.contains("FINE  a fine detail"));
    }

    @Test
    void a_line_is_the_time_to_the_millisecond_the_level_padded_to_five_and_the_message() {
        java.time.format.DateTimeFormatter reference = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            java.time.LocalTime time = java.time.LocalTime.ofNanoOfDay(
                    Math.floorMod(random.nextLong(), java.time.LocalTime.MAX.toNanoOfDay()));
            assertThat(Logging.time(new StringBuilder(), time).toString()).isEqualTo(time.format(reference));
        }
        for (Level level : List.of(Level.SEVERE, Level.WARNING, Level.INFO, Level.FINE)) {
            String line = Logging.formatter(false).format(new LogRecord(level, "hello"));
            String name = level == Level.WARNING ? "WARN" : level.getName();
            assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d " + java.util.regex.Pattern.quote(
                    String.format("%-5s", name)) + " hello\n");
        }
    }

    @Test
    void info_level_hides_fine_records() {
        Lines out = new Lines();
        Logging.configure("INFO", out);
        Logger.getLogger("dev.localbridge.server.Routes").fine("a fine detail");
        assertThat(out.lines).isEmpty();
    }

    @Test
    void an_exception_is_one_line_at_info_and_carries_its_stack_trace_at_fine() {
        IOException failure = new IOException("disk on fire");
        Lines info = new Lines();
        Logging.configure("INFO", info);
        Logger.getLogger("dev.localbridge.x").log(Level.WARNING, "req_1: could not write", failure);
        assertThat(info.lines).hasSize(1);
        assertThat(info.lines.getFirst()).contains("req_1: could not write").contains("disk on fire")
                .doesNotContain("\tat ").hasLineCount(1);

        Lines fine = new Lines();
        Logging.configure("FINE", fine);
        Logger.getLogger("dev.localbridge.x").log(Level.WARNING, "req_1: could not write", failure);
        assertThat(fine.lines.getFirst()).contains("at dev.localbridge.cli.LoggingTest");
    }

    @Test
    void an_unknown_level_falls_back_to_info() {
        assertThat(Logging.level("LOUD")).isEqualTo(Level.INFO);
        assertThat(Logging.level(null)).isEqualTo(Level.INFO);
        assertThat(Logging.level("fine")).isEqualTo(Level.FINE);
    }
}
