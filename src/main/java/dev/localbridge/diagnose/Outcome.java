package dev.localbridge.diagnose;

import java.util.Objects;

/** What one check found: passed, worth knowing, worth fixing, broken (each non-pass names its fix), or not run. */
public sealed interface Outcome {
    String detail();

    /** What to do about it; empty when there is nothing to do. */
    String fix();

    /** The machine-readable status: {@code pass}, {@code info}, {@code warn}, {@code fail} or {@code skip}. */
    String status();

    /** The mark in front of the line. */
    String symbol();

    record Pass(String detail) implements Outcome {
        public Pass {
            Objects.requireNonNull(detail);
        }

        @Override
        public String fix() {
            return "";
        }

        @Override
        public String status() {
            return "pass";
        }

        @Override
        public String symbol() {
            return "✓";
        }
    }

    /** Neither good nor bad, e.g. no vision; {@code fix} may be empty. */
    record Info(String detail, String fix) implements Outcome {
        public Info {
            Objects.requireNonNull(detail);
            Objects.requireNonNull(fix);
        }

        public Info(String detail) {
            this(detail, "");
        }

        @Override
        public String status() {
            return "info";
        }

        @Override
        public String symbol() {
            return "·";
        }
    }

    /** Claude Code works, but worse than it could. */
    record Warn(String detail, String fix) implements Outcome {
        public Warn {
            Objects.requireNonNull(detail);
            Objects.requireNonNull(fix);
        }

        @Override
        public String status() {
            return "warn";
        }

        @Override
        public String symbol() {
            return "!";
        }
    }

    /** Claude Code will not work through the bridge until this is fixed. */
    record Fail(String detail, String fix) implements Outcome {
        public Fail {
            Objects.requireNonNull(detail);
            Objects.requireNonNull(fix);
        }

        @Override
        public String status() {
            return "fail";
        }

        @Override
        public String symbol() {
            return "✗";
        }
    }

    /** Not checked, because something it depends on failed. */
    record Skip(String detail) implements Outcome {
        public Skip {
            Objects.requireNonNull(detail);
        }

        @Override
        public String fix() {
            return "";
        }

        @Override
        public String status() {
            return "skip";
        }

        @Override
        public String symbol() {
            return "-";
        }
    }
}
