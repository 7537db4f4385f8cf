package dev.localbridge.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per log record on stderr: {@code 12:00:00.000 INFO  message}. */
final class Logging {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Logging() {
    }

    static void configure() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                StringBuilder line = new StringBuilder(128)
                        .append(LocalTime.now().format(TIME)).append(' ')
                        .append(String.format("%-5s", record.getLevel() == Level.WARNING ? "WARN" : record.getLevel()))
                        .append(' ').append(formatMessage(record)).append('\n');
                if (record.getThrown() != null) {
                    line.append("    ").append(record.getThrown()).append('\n');
                }
                return line.toString();
            }
        });
        root.addHandler(console);
        String level = System.getenv("LOCALBRIDGE_LOG_LEVEL");
        root.setLevel(level == null ? Level.INFO : Level.parse(level.toUpperCase(java.util.Locale.ROOT)));
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
        Logger.getLogger("io.vertx").setLevel(Level.WARNING);
    }
}
