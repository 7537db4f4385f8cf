package dev.localbridge.diagnose;

import dev.localbridge.backend.BackendInfo;

/** Everything {@code doctor} found out, gathered once; the checks are pure functions of it. */
record Facts(DoctorSettings settings, BridgeStatus bridge, BackendStatus backend, ClaudeCodeInstall claude) {

    /** The running bridge's output ceiling when it says, else the configured one. */
    int outputCeiling() {
        return bridge instanceof BridgeStatus.Running running && running.outputCeiling() > 0
                ? running.outputCeiling() : settings.outputCeiling();
    }

    /** The backend's info when it serves, else null. */
    BackendInfo serving() {
        return backend instanceof BackendStatus.Serving serving ? serving.info() : null;
    }

    /** The context one request may use: {@code --ctx}, else what the backend reports; 0 when unknown. */
    int contextPerRequest() {
        if (settings.ctxOverride() > 0) {
            return settings.ctxOverride();
        }
        BackendInfo info = serving();
        return info == null ? 0 : info.nCtx();
    }
}
