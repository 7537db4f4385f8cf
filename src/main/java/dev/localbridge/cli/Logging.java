package dev.localbridge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per log record on stderr: {@code 12:00:00.000 INFO  message (cause)}. {@code LOCALBRIDGE_LOG_LEVEL}
 * ({@code FINE}, {@code INFO}, {@code WARNING}) sets the level; at {@code FINE} and below, a record's exception
 * follows with its stack trace.
 */
final class Logging {

    private Logging() {
    }

    static void configure() {
        configure(System.getenv("LOCALBRIDGE_LOG_LEVEL"), new ConsoleHandler());
    }

    /** Routes every record at {@code level} or above to {@code handler}, formatted as one line. */
    static void configure(String levelName, Handler handler) {
        Level level = level(levelName);
        Logger root = Logger.getLogger("");
        for (Handler existing : root.getHandlers()) {
            root.removeHandler(existing);
        }
        handler.setLevel(Level.ALL);
        handler.setFormatter(formatter(level.intValue() <= Level.FINE.intValue()));
        root.addHandler(handler);
        root.setLevel(level);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
        Logger.getLogger("io.vertx").setLevel(Level.WARNING);
    }

    static Level level(String name) {
        if (name == null || name.isBlank()) {
            return Level.INFO;
        }
        try {
            return Level.parse(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("localbridge: LOCALBRIDGE_LOG_LEVEL=" + name + " is not a level (FINE, INFO, WARNING);"
                    + " using INFO");
            return Level.INFO;
        }
    }

    /**
     * {@code HH:mm:ss.SSS}, written by hand: a {@code DateTimeFormatter} and {@code String.format} cost ~10 ms of
     * every start (class initialisation, locale data) for the first line.
     */
    static StringBuilder time(StringBuilder line, LocalTime time) {
        return two(two(two(line, time.getHour()).append(':'), time.getMinute()).append(':'), time.getSecond())
                .append('.').append((char) ('0' + time.getNano() / 100_000_000))
                .append((char) ('0' + time.getNano() / 10_000_000 % 10))
                .append((char) ('0' + time.getNano() / 1_000_000 % 10));
    }

    private static StringBuilder two(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    static Formatter formatter(boolean stackTraces) {
        return new Formatter() {
            @Override
            public String format(LogRecord record) {
                StringBuilder line = time(new StringBuilder(128), LocalTime.now()).append(' ');
                String level = record.getLevel() == Level.WARNING ? "WARN" : record.getLevel().getName();
                line.append(level).append(" ".repeat(Math.max(0, 5 - level.length())))
                        .append(' ').append(formatMessage(record));
                Throwable thrown = record.getThrown();
                if (thrown != null && !line.toString().contains(thrown.toString())) {
                    line.append(" (").append(thrown).append(')');
                }
                line.append('\n');
                if (thrown != null && stackTraces) {
                    StringWriter trace = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(trace));
                    line.append(trace.toString().indent(4));
                }
                return line.toString();
            }
        };
    }
}
