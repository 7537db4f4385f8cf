package dev.localbridge.diagnose;

import java.util.Objects;

/** One line of {@code doctor}'s report: what was checked and what it found. */
public record Check(String name, Outcome outcome) {
    public Check {
        Objects.requireNonNull(name);
        Objects.requireNonNull(outcome);
    }

    public boolean failed() {
        return outcome instanceof Outcome.Fail;
    }
}
