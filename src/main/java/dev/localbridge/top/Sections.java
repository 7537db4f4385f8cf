package dev.localbridge.top;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** The parts of {@link TopScreen}: figures, backends, requests in flight with a context gauge, recent requests. */
final class Sections {
    private static final int ID = 14;
    private static final int MODEL = 16;
    private static final int PHASE = 11;

    private Sections() {
    }

    static List<AttributedString> figures(LiveSnapshot s, TopScreen.Glyphs glyphs) {
        String sep = "  " + glyphs.separator + "  ";
        AttributedStringBuilder rates = new AttributedStringBuilder()
                .styled(TopScreen.bold(), Format.rate(s.rates().outputTokensPerSecond())).append(" tok/s out")
                .append(sep).append(Format.rate(s.rates().requestsPerMinute()) + " req/min")
                .append(sep).append("TTFT p50 ").styled(TopScreen.bold(), Format.millis(s.ttftMs().p50()))
                .append(" p90 " + Format.millis(s.ttftMs().p90()))
                .append(sep).append("prefix cache hit ").styled(TopScreen.bold(), Format.percent(s.cacheHitRate()));
        LiveSnapshot.Totals t = s.totals();
        AttributedStringBuilder totals = new AttributedStringBuilder()
                .append(t.requests() + (t.requests() == 1 ? " request, " : " requests, "))
                .styled(t.errors() > 0 ? TopScreen.red() : AttributedStyle.DEFAULT, t.errors() + " failed")
                .append(", " + t.hangups() + " hung up" + sep + "tokens in " + Format.tokens(t.inputTokens())
                        + ", cached " + Format.tokens(t.cacheReadTokens()) + ", out " + Format.tokens(t.outputTokens())
                        + sep + "output ceiling " + s.bridge().outputCeiling());
        return List.of(rates.toAttributedString(), totals.toAttributedString());
    }

    static List<AttributedString> backends(LiveSnapshot s, TopScreen.Glyphs glyphs) {
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new AttributedString("BACKENDS", TopScreen.bold()));
        if (s.backends().isEmpty()) {
            lines.add(new AttributedString("  (none)", TopScreen.dim()));
        }
        for (LiveSnapshot.Backend b : s.backends()) {
            AttributedStyle style = switch (b.state()) {
                case READY -> b.healthy() ? TopScreen.green() : TopScreen.yellow();
                case LOADING, NOT_PROBED -> TopScreen.yellow();
                case DOWN -> TopScreen.red();
            };
            AttributedStringBuilder line = new AttributedStringBuilder().append("  ")
                    .styled(style, glyphs.dot + " " + pad(b.state().wire(), 10)).append(" ")
                    .append(pad(b.kind(), 13)).append(" ")
                    .append(pad(b.model() == null ? "?" : b.model(), 24)).append(" ")
                    .append(b.nCtx() > 0 ? "n_ctx " + b.nCtx() : "n_ctx ?")
                    .append(b.slots() > 1 ? " × " + b.slots() + " slots" : " × 1 slot")
                    .append("  ").append(b.url());
            lines.add(line.toAttributedString());
        }
        return lines;
    }

    static List<AttributedString> active(LiveSnapshot s, TopScreen.Glyphs glyphs) {
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new AttributedString("ACTIVE (" + s.active().size() + ")", TopScreen.bold()));
        if (s.active().isEmpty()) {
            lines.add(new AttributedString("  (none)", TopScreen.dim()));
            return lines;
        }
        lines.add(new AttributedString("  " + pad("ID", ID) + " " + pad("MODEL", MODEL) + " " + pad("PHASE", PHASE)
                + " " + pad("CONTEXT", GAUGE_WIDTH) + " " + right("OUT", 6) + " " + right("TOK/S", 7) + " "
                + right("AGE", 7), TopScreen.dim()));
        for (LiveSnapshot.Active a : s.active()) {
            AttributedStringBuilder line = new AttributedStringBuilder().append("  ")
                    .append(pad(a.id(), ID)).append(" ").append(pad(a.model(), MODEL)).append(" ")
                    .styled(phaseStyle(a.phase()), pad(a.phase().wire(), PHASE)).append(" ")
                    .append(gauge(a.promptTokens() + a.outputTokens(), a.nCtx(), glyphs)).append(" ")
                    .append(right(Long.toString(a.outputTokens()), 6)).append(" ")
                    .append(right(a.phase() == LiveSnapshot.Phase.GENERATING ? Format.rate(a.tokensPerSecond()) : "-", 7))
                    .append(" ").append(right(Format.duration(a.ageMs()), 7));
            lines.add(line.toAttributedString());
        }
        return lines;
    }

    static List<AttributedString> recent(LiveSnapshot s, TopScreen.Glyphs glyphs) {
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new AttributedString("RECENT", TopScreen.bold()));
        if (s.recent().isEmpty()) {
            lines.add(new AttributedString("  (none yet)", TopScreen.dim()));
        }
        String sep = " " + glyphs.separator + " ";
        for (LiveSnapshot.Recent r : s.recent()) {
            AttributedStyle style = switch (r.outcome()) {
                case COMPLETED -> TopScreen.green();
                case FAILED -> TopScreen.red();
                case HUNG_UP -> TopScreen.yellow();
            };
            AttributedStringBuilder line = new AttributedStringBuilder().append("  ")
                    .append(right(Format.duration(Math.max(0, s.time() - r.endedAt())), 6)).append(" ago  ")
                    .append(pad(r.id(), ID)).append(" ").append(pad(r.model(), MODEL)).append(" ")
                    .styled(style, pad(r.outcome().wire(), 9)).append(" ");
            if (r.outcome() == LiveSnapshot.Outcome.FAILED) {
                line.styled(TopScreen.red(), (r.errorType() == null ? "error" : r.errorType())
                        + (r.message() == null ? "" : ": " + r.message()));
            } else {
                line.append(pad(r.stopReason() == null ? "-" : r.stopReason(), 13)).append(" ")
                        .append(context(r.promptTokens(), r.nCtx()) + " ctx, " + Format.tokens(r.cachedTokens())
                                + " cached" + sep + r.outputTokens() + " out" + sep
                                + Format.rate(r.tokensPerSecond()) + " tok/s" + sep + "TTFT "
                                + Format.millis(r.ttftMs()) + sep + Format.duration(r.durationMs()));
            }
            lines.add(line.toAttributedString());
        }
        return lines;
    }

    /** The gauge's width in columns: the bar, then "13.0k/32.8k" and a percentage. */
    static final int GAUGE_WIDTH = TopScreen.GAUGE_CELLS + 2 + 1 + 11 + 5;

    /** {@code [████░░░░] 13.0k/32.8k  40%}: how much of the window a request fills (prompt and output so far). */
    static AttributedString gauge(long used, long nCtx, TopScreen.Glyphs glyphs) {
        if (nCtx <= 0) {
            return new AttributedString(pad(Format.tokens(used) + " tokens (n_ctx unknown)", GAUGE_WIDTH),
                    TopScreen.dim());
        }
        double fraction = Math.min(1.0, (double) used / nCtx);
        int filled = (int) Math.round(fraction * TopScreen.GAUGE_CELLS);
        AttributedStyle style = fraction >= 0.9 ? TopScreen.red() : fraction >= 0.7 ? TopScreen.yellow()
                : TopScreen.green();
        return new AttributedStringBuilder().append("[")
                .styled(style, String.valueOf(glyphs.full).repeat(filled))
                .styled(TopScreen.dim(), String.valueOf(glyphs.empty).repeat(TopScreen.GAUGE_CELLS - filled))
                .append("] ").append(right(context(used, nCtx), 11)).append(right(Format.percent(fraction), 5))
                .toAttributedString();
    }

    private static String context(long used, long nCtx) {
        return Format.tokens(used) + "/" + (nCtx > 0 ? Format.tokens(nCtx) : "?");
    }

    private static AttributedStyle phaseStyle(LiveSnapshot.Phase phase) {
        return switch (phase) {
            case QUEUED, COUNTING -> TopScreen.yellow();
            case PREFILL -> AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
            case GENERATING -> TopScreen.green();
        };
    }

    /** Left-aligned in {@code width} columns, cut with "…" when longer. */
    static String pad(String text, int width) {
        AttributedString s = new AttributedString(text);
        if (s.columnLength() > width) {
            return s.columnSubSequence(0, width - 1) + "…";
        }
        return text + " ".repeat(width - s.columnLength());
    }

    /** Right-aligned in {@code width} columns. */
    static String right(String text, int width) {
        int length = new AttributedString(text).columnLength();
        return length >= width ? text : " ".repeat(width - length) + text;
    }
}
