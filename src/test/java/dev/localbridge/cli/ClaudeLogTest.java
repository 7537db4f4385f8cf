package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeLogTest {
    @TempDir
    Path dir;

    @Test
    void while_claude_runs_log_lines_go_to_the_file_and_afterwards_back_to_the_terminal() throws Exception {
        Logger root = Logger.getLogger("");
        List<String> terminal = new ArrayList<>();
        Handler screen = new Handler() {
            @Override
            public void publish(LogRecord record) {
                terminal.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(screen);
        Logger log = Logger.getLogger("dev.localbridge.test.ClaudeLogTest");
        try {
            try (ClaudeLog redirected = ClaudeLog.redirectTo(dir.resolve("logs/bridge.log"))) {
                log.warning("during claude");
            }
            log.warning("after claude");

            assertThat(terminal).containsExactly("after claude");
            assertThat(Files.readString(dir.resolve("logs/bridge.log"))).contains("during claude")
                    .doesNotContain("after claude");
        } finally {
            root.removeHandler(screen);
        }
    }
}
