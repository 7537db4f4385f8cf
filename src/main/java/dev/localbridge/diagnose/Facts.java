package dev.localbridge.diagnose;

import dev.localbridge.backend.BackendInfo;
import dev.localbridge.backend.BackendStatus;

/** Everything {@code doctor} found out, gathered once; the checks are pure functions of it. */
record Facts(DoctorSettings settings, BridgeStatus bridge, BackendStatus backend, ContextWindow context,
             ClaudeCodeInstall claude) {

    /** The running bridge's output ceiling when it says, else the configured one. */
    int outputCeiling() {
        return bridge instanceof BridgeStatus.Running running && running.outputCeiling() > 0
                ? running.outputCeiling() : settings.outputCeiling();
    }

    /** The backend's info when it serves, else null. */
    BackendInfo serving() {
        return backend instanceof BackendStatus.Serving serving ? serving.info() : null;
    }

    /** The context one request may use, by {@link ContextWindow}'s rule; 0 when unknown. */
    int contextPerRequest() {
        return context.tokensOrZero();
    }
}
