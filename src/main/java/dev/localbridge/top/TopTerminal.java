package dev.localbridge.top;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal side of {@code top}, kept thin: JLine puts the terminal in raw mode on the alternate screen, and its
 * {@link Display} redraws only what changed. Each snapshot, resize or second redraws; {@code q} or Ctrl-C quits and
 * gives the terminal back as it was.
 */
public final class TopTerminal {
    private static final long REDRAW_AT_LEAST_EVERY_MS = 1000;

    private final String url;
    private final String apiKey;
    private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    private volatile TopScreen.Connection connection = new TopScreen.Connection.Connecting();
    private volatile Optional<LiveSnapshot> snapshot = Optional.empty();
    private volatile long receivedAt = System.nanoTime();
    private volatile boolean quit;

    public TopTerminal(String url, String apiKey) {
        this.url = url;
        this.apiKey = apiKey;
    }

    /** Runs until the user quits. */
    public void run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build();
             LiveFeed feed = new LiveFeed(url, apiKey, new Listener())) {
            Attributes saved = terminal.enterRawMode();
            terminal.handle(Terminal.Signal.INT, signal -> stop());
            terminal.handle(Terminal.Signal.WINCH, signal -> redraw());
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
            Thread keys = Thread.ofPlatform().daemon().name("localbridge-top-keys").start(() -> readKeys(terminal));
            try {
                feed.start();
                draw(terminal);
            } finally {
                quit = true;
                keys.interrupt();
                terminal.puts(Capability.cursor_visible);
                terminal.puts(Capability.exit_ca_mode);
                terminal.flush();
                terminal.setAttributes(saved);
            }
        }
    }

    private void draw(Terminal terminal) {
        Display display = new Display(terminal, true);
        TopScreen.Glyphs glyphs = StandardCharsets.UTF_8.equals(terminal.encoding()) ? TopScreen.Glyphs.UNICODE
                : TopScreen.Glyphs.ASCII;
        while (!quit) {
            Size size = terminal.getSize();
            int rows = size.getRows() > 0 ? size.getRows() : 24;
            int columns = size.getColumns() > 0 ? size.getColumns() : 80;
            display.resize(rows, columns);
            long silentMs = (System.nanoTime() - receivedAt) / 1_000_000;
            display.update(TopScreen.render(new TopScreen.View(url, connection, snapshot, silentMs), columns, rows,
                    glyphs), -1);
            terminal.flush();
            try {
                wake.poll(REDRAW_AT_LEAST_EVERY_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void readKeys(Terminal terminal) {
        NonBlockingReader reader = terminal.reader();
        try {
            while (!quit) {
                int key = reader.read(500);
                if (key == 'q' || key == 'Q' || key == 3 || key == NonBlockingReader.EOF) {
                    stop();
                    return;
                }
            }
        } catch (IOException e) {
            stop();
        }
    }

    private void stop() {
        quit = true;
        redraw();
    }

    private void redraw() {
        wake.offer(Boolean.TRUE);
    }

    private final class Listener implements LiveFeed.Listener {
        @Override
        public void onSnapshot(LiveSnapshot received) {
            snapshot = Optional.of(received);
            receivedAt = System.nanoTime();
            connection = new TopScreen.Connection.Live();
            redraw();
        }

        @Override
        public void onConnection(TopScreen.Connection changed) {
            connection = changed;
            receivedAt = System.nanoTime();
            redraw();
        }
    }
}
