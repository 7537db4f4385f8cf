package dev.localbridge.loadbench;

/**
 * One request as the client saw it, on the harness's clock: when it was sent, when each token arrived
 * (0 = never), and what went wrong (null = nothing).
 */
record Sample(Workload.Kind kind, long id, long sent, long[] receipts, long end, String error) {
    int tokensReceived() {
        int n = 0;
        for (long receipt : receipts) {
            if (receipt != 0) {
                n++;
            }
        }
        return n;
    }
}
