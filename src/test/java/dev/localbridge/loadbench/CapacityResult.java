package dev.localbridge.loadbench;

import java.util.List;

/** What the capacity run found: streams completed and failed, and the bridge's memory while all were open. */
record CapacityResult(int streams, String heap, int completed, int errors, List<String> errorExamples,
                      String heapWhileOpen, double peakRssMb, double cpuCores, double seconds) {
}
