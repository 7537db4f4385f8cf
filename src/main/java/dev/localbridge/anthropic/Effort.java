package dev.localbridge.anthropic;

import java.util.Locale;
import java.util.Optional;

/** {@code output_config.effort}: how hard the model should think, the closed set Anthropic defines. */
public enum Effort {
    LOW, MEDIUM, HIGH, XHIGH, MAX;

    /** The level a wire value names (any case), or empty for a value outside the set. */
    public static Optional<Effort> fromWire(String wire) {
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "low" -> Optional.of(LOW);
            case "medium" -> Optional.of(MEDIUM);
            case "high" -> Optional.of(HIGH);
            case "xhigh" -> Optional.of(XHIGH);
            case "max" -> Optional.of(MAX);
            default -> Optional.empty();
        };
    }
}
