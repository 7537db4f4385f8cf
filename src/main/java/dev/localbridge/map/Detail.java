package dev.localbridge.map;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How much of the map to render. The {@link #ladder()} goes from everything to very little, one step at a time, in
 * a fixed order: the first step that fits the budget is the one used, so the same repository and budget always
 * give the same output.
 *
 * @param dropped the parts left out entirely
 * @param cap     the most items any one list shows (the rest are counted, not named)
 */
record Detail(Set<Part> dropped, int cap) {
    static final int ALL = Integer.MAX_VALUE;
    static final Detail FULL = new Detail(Set.of(), ALL);

    /** The parts of the map that can go, least useful first. */
    enum Part {
        TEST_DETAIL("test details"),
        SCRIPT_NOTES("script descriptions"),
        CONFIG_FILES("the config file list"),
        TARGETS("npm scripts and make targets"),
        CI_DETAIL("CI and container details"),
        SUMMARIES("module summaries");

        private final String label;

        Part(String label) {
            this.label = label;
        }
    }

    Detail {
        dropped = dropped.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dropped));
    }

    /**
     * Every step from {@link #FULL} down: the {@code present} parts dropped one by one (parts the map does not have
     * are never said to be dropped), then lists cut shorter and shorter.
     */
    static List<Detail> ladder(Set<Part> present) {
        List<Detail> ladder = new ArrayList<>(List.of(FULL));
        Detail detail = FULL;
        for (Part part : Part.values()) {
            if (part != Part.SUMMARIES && present.contains(part)) {
                detail = detail.without(part);
                ladder.add(detail);
            }
        }
        for (int cap : new int[] {48, 24, 12, 6, 3, 1}) {
            if (cap == 12 && present.contains(Part.SUMMARIES)) {
                detail = detail.without(Part.SUMMARIES);
                ladder.add(detail);
            }
            detail = new Detail(detail.dropped, cap);
            ladder.add(detail);
        }
        return List.copyOf(ladder);
    }

    boolean shows(Part part) {
        return !dropped.contains(part);
    }

    /** What this step leaves out, in words; empty for {@link #FULL}. */
    String omissions() {
        List<String> parts = new ArrayList<>();
        for (Part part : Part.values()) {
            if (dropped.contains(part)) {
                parts.add(part.label);
            }
        }
        if (cap != ALL) {
            parts.add("lists cut to " + cap + (cap == 1 ? " item" : " items"));
        }
        return String.join(", ", parts);
    }

    private Detail without(Part part) {
        EnumSet<Part> parts = dropped.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(dropped);
        parts.add(part);
        return new Detail(parts, cap);
    }
}
