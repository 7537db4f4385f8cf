package dev.localbridge.anthropic;

/** The request's {@code thinking} setting. Absent means {@link Disabled}. */
public sealed interface Thinking {

    boolean on();

    record Enabled(int budgetTokens) implements Thinking {
        @Override
        public boolean on() {
            return true;
        }
    }

    /** The model decides how much to think; {@code output_config.effort} steers it. */
    record Adaptive() implements Thinking {
        @Override
        public boolean on() {
            return true;
        }
    }

    record Disabled() implements Thinking {
        @Override
        public boolean on() {
            return false;
        }
    }

    Thinking DISABLED = new Disabled();
}
