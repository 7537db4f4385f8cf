package dev.localbridge.anthropic;

import java.util.Objects;

/** How the model may use tools. Absent means {@link Auto} with parallel calls allowed. */
public sealed interface ToolChoice {

    /** Whether the model may call several tools in one turn. */
    boolean parallelAllowed();

    record Auto(boolean parallelAllowed) implements ToolChoice {
    }

    record Any(boolean parallelAllowed) implements ToolChoice {
    }

    record Named(String name, boolean parallelAllowed) implements ToolChoice {
        public Named {
            Objects.requireNonNull(name);
        }
    }

    record None() implements ToolChoice {
        @Override
        public boolean parallelAllowed() {
            return false;
        }
    }

    ToolChoice DEFAULT = new Auto(true);
}
