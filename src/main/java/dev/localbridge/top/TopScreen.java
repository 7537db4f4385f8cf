package dev.localbridge.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws the live view as lines of styled text for a screen of a given size: a pure function of what {@code top}
 * knows (the last snapshot and the connection's state), so it is tested without a terminal. No line is wider than
 * the screen (in terminal columns), and there are never more lines than rows; when rows run short, recent requests
 * give way first.
 */
public final class TopScreen {
    static final int GAUGE_CELLS = 20;
    private static final AttributedStyle BOLD = AttributedStyle.BOLD;
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

    /** Whether the terminal shows Unicode (block gauge, bullets) or only ASCII. */
    public enum Glyphs {
        UNICODE('█', '░', "●", "·"), ASCII('#', '.', "*", "-");

        final char full;
        final char empty;
        final String dot;
        final String separator;

        Glyphs(char full, char empty, String dot, String separator) {
            this.full = full;
            this.empty = empty;
            this.dot = dot;
            this.separator = separator;
        }
    }

    /** The connection to the bridge's live view. */
    public sealed interface Connection {
        record Connecting() implements Connection {
        }

        record Live() implements Connection {
        }

        /** The stream broke or was refused; {@code reason} says why. top retries. */
        record Lost(String reason) implements Connection {
        }
    }

    /**
     * What there is to show: where from, how the connection is, the last snapshot received (if any), and how long ago
     * it came ({@code silentMs}: snapshots come every second, so a long silence means the bridge stalled).
     */
    public record View(String url, Connection connection, Optional<LiveSnapshot> snapshot, long silentMs) {
        public View(String url, Connection connection, Optional<LiveSnapshot> snapshot) {
            this(url, connection, snapshot, 0);
        }
    }

    /** A live stream this long without a snapshot is shown as stalled. */
    static final long STALLED_MS = 3000;

    private TopScreen() {
    }

    public static List<AttributedString> render(View view, int width, int height, Glyphs glyphs) {
        List<AttributedString> top = new ArrayList<>(header(view, glyphs));
        List<AttributedString> recent = new ArrayList<>();
        view.snapshot().ifPresent(snapshot -> {
            top.addAll(Sections.figures(snapshot, glyphs));
            top.add(AttributedString.EMPTY);
            top.addAll(Sections.backends(snapshot, glyphs));
            top.add(AttributedString.EMPTY);
            top.addAll(Sections.active(snapshot, glyphs));
            top.add(AttributedString.EMPTY);
            recent.addAll(Sections.recent(snapshot, glyphs));
        });
        AttributedString footer = new AttributedString("q quit", DIM);
        int room = Math.max(0, height - 1);
        List<AttributedString> lines = new ArrayList<>();
        for (AttributedString line : top) {
            if (lines.size() < room) {
                lines.add(line);
            }
        }
        for (AttributedString line : recent) {
            if (lines.size() < room) {
                lines.add(line);
            }
        }
        if (height > 0) {
            lines.add(footer);
        }
        return lines.stream().map(line -> fit(line, width)).toList();
    }

    /** The screen as plain text, one line each, for {@code top --once} and tests. */
    public static String plain(List<AttributedString> lines) {
        StringBuilder text = new StringBuilder();
        for (AttributedString line : lines) {
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static List<AttributedString> header(View view, Glyphs glyphs) {
        AttributedStringBuilder line = new AttributedStringBuilder();
        String sep = " " + glyphs.separator + " ";
        line.styled(BOLD, "Local Bridge");
        view.snapshot().ifPresent(s -> line.append(" " + s.bridge().version()));
        line.append(sep).append(view.url());
        view.snapshot().ifPresent(s -> line.append(sep + "up " + Format.duration(s.bridge().uptimeMs())));
        line.append(sep);
        switch (view.connection()) {
            case Connection.Connecting connecting -> line.styled(YELLOW, "connecting…");
            case Connection.Live live when view.silentMs() >= STALLED_MS -> line.styled(YELLOW, "live, but no"
                    + " snapshot for " + Format.duration(view.silentMs()));
            case Connection.Live live -> line.styled(GREEN, "live");
            case Connection.Lost lost -> line.styled(RED, "disconnected: " + lost.reason()
                    + (view.snapshot().isPresent() ? " (showing the last snapshot; retrying)" : " (retrying)"));
        }
        return List.of(line.toAttributedString());
    }

    static AttributedString fit(AttributedString line, int width) {
        int columns = Math.max(0, width);
        return line.columnLength() <= columns ? line : line.columnSubSequence(0, columns);
    }

    static AttributedStyle green() {
        return GREEN;
    }

    static AttributedStyle yellow() {
        return YELLOW;
    }

    static AttributedStyle red() {
        return RED;
    }

    static AttributedStyle dim() {
        return DIM;
    }

    static AttributedStyle bold() {
        return BOLD;
    }
}
