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
                + "| tokens/s a stream (p50) | tokens/s all streams | tokenizer calls a request |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LevelResult r : report.results()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %s | %s | %s | %s | %s | %s | %.1f | %.0f "
                            + "| %.1f |%n",
                    r.concurrency(), r.contender(), r.requests(), r.errors(),
                    triple(r.toUpstream(Workload.Kind.SMALL_NEW)), triple(r.toUpstream(Workload.Kind.LARGE_NEW)),
                    triple(r.toUpstream(Workload.Kind.LARGE_KNOWN)), triple(r.timeToFirstToken()),
                    triple(r.firstTokenLag()), triple(r.tokenLag()), r.streamTokensPerSecondP50(),
                    r.totalTokensPerSecond(), r.controlCallsPerRequest()));
        }
        md.append('\n');
    }

    static void phases(StringBuilder md, Report report) {
        md.append("## Where Local Bridge's request → upstream goes (ms, p50 / p99)\n\n");
        md.append("| streams | request | until its first tokenizer call | tokenizer calls (`/apply-template`, "
                + "`/tokenize`, in turn) | from the last answer to the chat request |\n|---:|---|---:|---:|---:|\n");
        for (LevelResult r : report.results()) {
            if (!r.contender().equals(Report.BRIDGE)) {
                continue;
            }
            r.phases().forEach((kind, p) -> md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s |%n",
                    r.concurrency(), kind.label, pair(p.beforeCounting()), pair(p.counting()),
                    pair(p.afterCounting()))));
        }
        md.append('\n');
    }

    static void targets(StringBuilder md, Report report) {
        md.append("## Targets (issue #10), Local Bridge in this run\n\n| target | measured | met |\n|---|---|---|\n");
        pair(report, 16).ifPresent(p -> {
            for (Workload.Kind kind : Workload.Kind.values()) {
                Dist added = p.bridge().toUpstream(kind).minus(p.direct().toUpstream(kind));
                row(md, "added request → upstream (" + kind.label + ") p50 ≤ 1 ms, p99 ≤ 5 ms at 16",
                        pair(added), added.p50() <= 1 && added.p99() <= 5);
            }
            Dist first = p.bridge().firstTokenLag().minus(p.direct().firstTokenLag());
            row(md, "added first-token lag p50 ≤ 1 ms at 16", ms(first.p50()), first.p50() <= 1);
        });
        pair(report, 64).ifPresent(p -> {
            Dist token = p.bridge().tokenLag().minus(p.direct().tokenLag());
            row(md, "added per-token lag p50 ≤ 0.2 ms, p99 ≤ 2 ms at 64", pair(token),
                    token.p50() <= 0.2 && token.p99() <= 2);
        });
        for (int level : List.of(16, 64)) {
            pair(report, level).ifPresent(p -> {
                double ratio = p.bridge().streamTokensPerSecondP50() / p.direct().streamTokensPerSecondP50();
                row(md, "tokens/s ≥ 0.99 × direct at " + level, String.format(Locale.ROOT, "%.3f", ratio),
                        ratio >= 0.99);
            });
        }
        pair(report, 16).ifPresent(p -> report.find(Report.CCR, 16).ifPresent(c -> tenTimes(md, p, c)));
        if (report.capacity() != null) {
            CapacityResult c = report.capacity();
            row(md, String.format(Locale.ROOT, "%d concurrent streams within a %s heap, no errors", c.streams(),
                    c.heap()), c.completed() + " completed, " + c.errors() + " errors", c.errors() == 0);
        }
        md.append('\n');
    }

    private record Pair(LevelResult bridge, LevelResult direct) {
    }

    private static Optional<Pair> pair(Report report, int level) {
        return report.find(Report.BRIDGE, level)
                .flatMap(b -> report.find(Report.DIRECT, level).map(d -> new Pair(b, d)));
    }

    /** Every added latency (p50) at least 10× below claude-code-router's. */
    private static void tenTimes(StringBuilder md, Pair p, LevelResult c) {
        LevelResult d = p.direct();
        for (Workload.Kind kind : Workload.Kind.values()) {
            tenTimes(md, "request → upstream (" + kind.label + ")",
                    p.bridge().toUpstream(kind).minus(d.toUpstream(kind)).p50(),
                    c.toUpstream(kind).minus(d.toUpstream(kind)).p50());
        }
        tenTimes(md, "first-token lag", p.bridge().firstTokenLag().minus(d.firstTokenLag()).p50(),
                c.firstTokenLag().minus(d.firstTokenLag()).p50());
        tenTimes(md, "per-token lag", p.bridge().tokenLag().minus(d.tokenLag()).p50(),
                c.tokenLag().minus(d.tokenLag()).p50());
    }

    private static void tenTimes(StringBuilder md, String what, double bridge, double ccr) {
        row(md, "added " + what + " p50 10× below claude-code-router's at 16", ms(bridge) + " vs " + ms(ccr),
                bridge * 10 <= ccr);
    }

    static void capacity(StringBuilder md, CapacityResult c) {
        if (c == null) {
            return;
        }
        md.append("## Capacity: streams open at once through Local Bridge\n\n");
        md.append(String.format(Locale.ROOT, "%d streams (new 50 KB conversations; 1.5 s prefill, then 30 tokens "
                        + "100 ms apart) with `-Xmx%s`: **%d completed, %d errors** in %.1f s; peak RSS %.0f MB; "
                        + "%.2f cores. The bridge's heap 2.5 s in (`jcmd GC.heap_info`, `GC.class_histogram`):%n%n"
                        + "```%n%s%n```%n%n", c.streams(), c.heap(), c.completed(), c.errors(), c.seconds(),
                c.peakRssMb(), c.cpuCores(), c.heapWhileOpen().strip()));
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
                - **tokenizer calls a request**: requests the proxy made to the upstream's `/props`,
                  `/apply-template` and `/tokenize` per client request; the upstream answers them on the same event
                  loop that streams tokens, and a proxy that waits for them before forwarding counts that wait in
                  its → upstream time, as it would with llama-server.
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
