package dev.localbridge.loadbench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one contender did at one concurrency, joined with the upstream's stamps: request → upstream by request
 * kind, time to first token, first-token and per-token lag (upstream sent → client received), each stream's
 * tokens/s, errors, the proxy's CPU and RSS, and how many calls to the upstream's tokenizer endpoints
 * ({@code /apply-template}, {@code /tokenize}) it made per request.
 */
record LevelResult(String contender, int concurrency, int requests, int errors, List<String> errorExamples,
                   Map<Workload.Kind, Dist> requestToUpstream, Dist timeToFirstToken, Dist firstTokenLag,
                   Dist tokenLag, double streamTokensPerSecondP50, double totalTokensPerSecond, double cpuCores,
                   double peakRssMb, double controlCallsPerRequest, Map<Workload.Kind, Phases> phases) {

    /**
     * A proxy's request → upstream in three phases, for requests it counted with the upstream's tokenizer: until the
     * first tokenizer call carrying the request arrived, until the last was answered, and from then until the chat
     * request arrived.
     */
    record Phases(Dist beforeCounting, Dist counting, Dist afterCounting) {
    }

    static LevelResult of(String contender, int concurrency, List<Sample> samples, UpstreamStamps stamps,
                          double seconds, ProcessStats.Usage usage, long controlCalls) {
        Map<Workload.Kind, Dist.Values> toUpstream = new EnumMap<>(Workload.Kind.class);
        Dist.Values ttft = new Dist.Values();
        Dist.Values firstLag = new Dist.Values();
        Dist.Values tokenLag = new Dist.Values();
        Dist.Values rates = new Dist.Values();
        Map<Workload.Kind, Dist.Values[]> phases = new EnumMap<>(Workload.Kind.class);
        List<String> examples = new ArrayList<>();
        int errors = 0;
        long tokens = 0;
        for (Sample sample : samples) {
            UpstreamStamps.Entry entry = stamps.take(sample.id());
            String error = sample.error() != null ? sample.error()
                    : entry == null ? "the upstream never saw request " + sample.id() : null;
            tokens += sample.tokensReceived();
            if (error != null) {
                errors++;
                if (examples.size() < 5) {
                    examples.add(error.length() > 300 ? error.substring(0, 300) + "…" : error);
                }
                continue;
            }
            long[] counting = stamps.takeCounting(sample.id());
            if (counting != null) {
                Dist.Values[] values = phases.computeIfAbsent(sample.kind(),
                        k -> new Dist.Values[] {new Dist.Values(), new Dist.Values(), new Dist.Values()});
                values[0].add(counting[0] - sample.sent());
                values[1].add(counting[1] - counting[0]);
                values[2].add(entry.received - counting[1]);
            }
            long[] receipts = sample.receipts();
            toUpstream.computeIfAbsent(sample.kind(), k -> new Dist.Values()).add(entry.received - sample.sent());
            ttft.add(receipts[0] - sample.sent());
            firstLag.add(receipts[0] - entry.sent[0]);
            for (int i = 0; i < receipts.length; i++) {
                tokenLag.add(receipts[i] - entry.sent[i]);
            }
            long span = receipts[receipts.length - 1] - entry.sent[0];
            if (receipts.length > 1 && span > 0) {
                // tokens/s of the stream, stored as nanos per token so Values can hold it
                rates.add(span / (receipts.length - 1));
            }
        }
        Map<Workload.Kind, Dist> byKind = new EnumMap<>(Workload.Kind.class);
        toUpstream.forEach((kind, values) -> byKind.put(kind, values.dist()));
        Dist perToken = rates.dist();
        return new LevelResult(contender, concurrency, samples.size(), errors, examples, byKind, ttft.dist(),
                firstLag.dist(), tokenLag.dist(), perToken.count() == 0 ? Double.NaN : 1e3 / perToken.p50(),
                tokens / seconds, usage.cpuCores(), usage.peakRssMb(),
                samples.isEmpty() ? 0 : (double) controlCalls / samples.size(), phases(phases));
    }

    private static Map<Workload.Kind, Phases> phases(Map<Workload.Kind, Dist.Values[]> values) {
        Map<Workload.Kind, Phases> phases = new EnumMap<>(Workload.Kind.class);
        values.forEach((kind, v) -> phases.put(kind, new Phases(v[0].dist(), v[1].dist(), v[2].dist())));
        return phases;
    }

    Dist toUpstream(Workload.Kind kind) {
        return requestToUpstream.getOrDefault(kind, Dist.EMPTY);
    }
}
