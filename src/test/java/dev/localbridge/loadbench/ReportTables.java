package dev.localbridge.loadbench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Markdown tables of {@link Report}. */
final class ReportTables {
    private ReportTables() {
    }

    static void added(StringBuilder md, Report report) {
        md.append("## Added over direct (ms, p50 / p99; tokens/s as a fraction of direct)\n\n");
        md.append("| streams | proxy | → upstream, small new | → upstream, 50 KB new | → upstream, 50 KB known "
                + "| first-token lag | per-token lag | tokens/s ÷ direct | proxy CPU (cores) | proxy peak RSS (MB) |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LevelResult r : report.results()) {
            Optional<LevelResult> direct = report.find(Report.DIRECT, r.concurrency());
            if (r.contender().equals(Report.DIRECT) || direct.isEmpty()) {
                continue;
            }
            LevelResult d = direct.get();
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %.3f | %.2f | %.0f |%n",
                    r.concurrency(), r.contender(),
                    pair(r.toUpstream(Workload.Kind.SMALL_NEW).minus(d.toUpstream(Workload.Kind.SMALL_NEW))),
                    pair(r.toUpstream(Workload.Kind.LARGE_NEW).minus(d.toUpstream(Workload.Kind.LARGE_NEW))),
                    pair(r.toUpstream(Workload.Kind.LARGE_KNOWN).minus(d.toUpstream(Workload.Kind.LARGE_KNOWN))),
                    pair(r.firstTokenLag().minus(d.firstTokenLag())), pair(r.tokenLag().minus(d.tokenLag())),
                    r.streamTokensPerSecondP50() / d.streamTokensPerSecondP50(), r.cpuCores(), r.peakRssMb()));
        }
        md.append('\n');
    }

    static void absolute(StringBuilder md, Report report) {
        md.append("## Measured (ms, p50 / p99 / max)\n\n");
        md.append("| streams | contender | requests | errors | → upstream, small new | → upstream, 50 KB new "
                + "| → upstream, 50 KB known | time to first token | first-token lag | per-token lag "
                + "| tokens/s a stream (p50) | tokens/s all streams |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LevelResult r : report.results()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %s | %s | %s | %s | %s | %s | %.1f | %.0f |%n",
                    r.concurrency(), r.contender(), r.requests(), r.errors(),
                    triple(r.toUpstream(Workload.Kind.SMALL_NEW)), triple(r.toUpstream(Workload.Kind.LARGE_NEW)),
                    triple(r.toUpstream(Workload.Kind.LARGE_KNOWN)), triple(r.timeToFirstToken()),
                    triple(r.firstTokenLag()), triple(r.tokenLag()), r.streamTokensPerSecondP50(),
                    r.totalTokensPerSecond()));
        }
        md.append('\n');
    }

    static void targets(StringBuilder md, Report report) {
        md.append("## Targets (issue #10), Local Bridge in this run\n\n| target | measured | met |\n|---|---|---|\n");
        for (int level : List.of(16, 64)) {
            Optional<LevelResult> bridge = report.find(Report.BRIDGE, level);
            Optional<LevelResult> direct = report.find(Report.DIRECT, level);
            if (bridge.isEmpty() || direct.isEmpty()) {
                continue;
            }
            LevelResult b = bridge.get();
            LevelResult d = direct.get();
            for (Workload.Kind kind : Workload.Kind.values()) {
                Dist added = b.toUpstream(kind).minus(d.toUpstream(kind));
                row(md, "added request → upstream (" + kind.label + ") p50 ≤ 1 ms, p99 ≤ 5 ms at " + level,
                        pair(added), added.p50() <= 1 && added.p99() <= 5);
            }
            Dist first = b.firstTokenLag().minus(d.firstTokenLag());
            row(md, "added first-token lag p50 ≤ 1 ms at " + level, ms(first.p50()), first.p50() <= 1);
            Dist token = b.tokenLag().minus(d.tokenLag());
            row(md, "added per-token lag p50 ≤ 0.2 ms, p99 ≤ 2 ms at " + level, pair(token),
                    token.p50() <= 0.2 && token.p99() <= 2);
            double ratio = b.streamTokensPerSecondP50() / d.streamTokensPerSecondP50();
            row(md, "tokens/s ≥ 0.99 × direct at " + level, String.format(Locale.ROOT, "%.3f", ratio), ratio >= 0.99);
            report.find(Report.CCR, level).ifPresent(c -> tenTimes(md, level, b, c, d));
        }
        md.append('\n');
    }

    private static void tenTimes(StringBuilder md, int level, LevelResult b, LevelResult c, LevelResult d) {
        double bridge = b.toUpstream(Workload.Kind.LARGE_NEW).minus(d.toUpstream(Workload.Kind.LARGE_NEW)).p50();
        double ccr = c.toUpstream(Workload.Kind.LARGE_NEW).minus(d.toUpstream(Workload.Kind.LARGE_NEW)).p50();
        row(md, "added request → upstream (50 KB new) p50 10× below claude-code-router's at " + level,
                ms(bridge) + " vs " + ms(ccr), bridge * 10 <= ccr);
        double bridgeLag = b.firstTokenLag().minus(d.firstTokenLag()).p50();
        double ccrLag = c.firstTokenLag().minus(d.firstTokenLag()).p50();
        row(md, "added first-token lag p50 10× below claude-code-router's at " + level,
                ms(bridgeLag) + " vs " + ms(ccrLag), bridgeLag * 10 <= ccrLag);
    }

    static void capacity(StringBuilder md, CapacityResult c) {
        if (c == null) {
            return;
        }
        md.append("## Capacity: streams open at once through Local Bridge\n\n");
        md.append(String.format(Locale.ROOT, "%d streams (new 50 KB conversations; 1.5 s prefill, then 30 tokens "
                        + "100 ms apart) with `-Xmx%s`: **%d completed, %d errors** in %.1f s; heap while all were "
                        + "open: `%s`; peak RSS %.0f MB; %.2f cores.%n%n", c.streams(), c.heap(), c.completed(),
                c.errors(), c.seconds(), c.heapWhileOpen(), c.peakRssMb(), c.cpuCores()));
        c.errorExamples().forEach(e -> md.append("- `").append(e.replace('`', '\'')).append("`\n"));
    }

    static void errors(StringBuilder md, List<LevelResult> results) {
        boolean any = results.stream().anyMatch(r -> !r.errorExamples().isEmpty());
        if (!any) {
            return;
        }
        md.append("## Error examples\n\n");
        for (LevelResult r : results) {
            for (String e : r.errorExamples()) {
                md.append("- ").append(r.contender()).append(" at ").append(r.concurrency()).append(": `")
                        .append(e.replace('`', '\'').replace('\n', ' ')).append("`\n");
            }
        }
        md.append('\n');
    }

    static void definitions(StringBuilder md) {
        md.append("""
                ## Definitions

                - **→ upstream**: from the client handing the request to its socket to the upstream having the whole
                  chat request (directly: the same body posted straight to the upstream).
                - **time to first token**: from sending to the client receiving the first token's text.
                - **first-token / per-token lag**: from the upstream writing a token to the client receiving it.
                - **tokens/s a stream**: tokens after the first over the time from the upstream sending the first to
                  the client receiving the last, p50 over streams; the upstream paces them, so direct is the limit.
                - **added**: a proxy's percentile minus direct's at the same concurrency in the same run.
                - **CPU / RSS**: the proxy process's CPU time over the level's wall time (cores) and its largest
                  resident set (sampled every 100 ms).
                """);
    }

    private static void row(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    private static String pair(Dist d) {
        return ms(d.p50()) + " / " + ms(d.p99());
    }

    private static String triple(Dist d) {
        return ms(d.p50()) + " / " + ms(d.p99()) + " / " + ms(d.max());
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
    }
}
