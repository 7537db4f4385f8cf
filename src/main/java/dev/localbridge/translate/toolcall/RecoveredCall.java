package dev.localbridge.translate.toolcall;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * A tool call the bridge will emit: its name, its input as a JSON object and that object's exact text, the
 * format it was written in (null for the backend's own {@code tool_calls}), and the repairs it needed.
 */
public record RecoveredCall(String name, ObjectNode input, String json, Format format, Set<ArgumentRepair.Fix> fixes) {
    public RecoveredCall {
        fixes = Set.copyOf(fixes);
    }
}
