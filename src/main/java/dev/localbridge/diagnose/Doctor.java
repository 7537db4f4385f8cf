package dev.localbridge.diagnose;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the whole chain Claude Code → bridge → backend → model, and the environment Claude Code runs in.
 * Facts are gathered once (network and process calls); the checks are pure functions of them.
 */
public final class Doctor {
    private static final Duration CLAUDE_VERSION_TIMEOUT = Duration.ofSeconds(20);

    private Doctor() {
    }

    public static List<Check> run(DoctorSettings settings) {
        return checks(gather(settings));
    }

    static Facts gather(DoctorSettings settings) {
        try (HttpProbe http = new HttpProbe(settings.timeout())) {
            BridgeStatus bridge = BridgeStatus.probe(http, settings.bridgeUrl());
            BackendStatus backend = BackendStatus.inspect(http, backendOf(bridge, settings),
                    settings.backendApiKey(), settings.timeout());
            ClaudeCodeInstall claude = ClaudeCodeInstall.find(settings.environment(), CLAUDE_VERSION_TIMEOUT);
            return new Facts(settings, bridge, backend, claude);
        }
    }

    /** A running bridge's own backend is the one Claude Code's requests reach; otherwise {@code --backend}. */
    private static URI backendOf(BridgeStatus bridge, DoctorSettings settings) {
        if (bridge instanceof BridgeStatus.Running running && !running.backend().isEmpty()) {
            return URI.create(running.backend());
        }
        return settings.backend();
    }

    static List<Check> checks(Facts facts) {
        List<Check> checks = new ArrayList<>();
        checks.add(BridgeCheck.check(facts));
        checks.addAll(BackendChecks.checks(facts));
        checks.add(ClaudeCodeInstall.check(facts.claude()));
        checks.addAll(EnvironmentChecks.checks(facts));
        return List.copyOf(checks);
    }
}
