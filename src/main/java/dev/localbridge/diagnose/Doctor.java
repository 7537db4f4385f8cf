package dev.localbridge.diagnose;

import dev.localbridge.backend.BackendProber;
import dev.localbridge.backend.BackendStatus;
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
        BridgeStatus bridge = BridgeStatus.probe(settings.bridgeUrl(), settings.timeout());
        BackendStatus backend = new BackendProber(bridge.backendOr(settings.backend()), settings.backendApiKey(),
                settings.timeout()).probe();
        ClaudeCodeInstall claude = ClaudeCodeInstall.find(settings.environment(), CLAUDE_VERSION_TIMEOUT);
        ContextWindow context = ContextWindow.of(bridge, settings.backend(), settings.ctxOverride(), url -> backend);
        return new Facts(settings, bridge, backend, context, claude);
    }

    static List<Check> checks(Facts facts) {
        List<Check> checks = new ArrayList<>();
        checks.add(BridgeCheck.check(facts));
        PoolCheck.check(facts.bridge()).ifPresent(checks::add);
        checks.addAll(BackendChecks.checks(facts));
        checks.add(ClaudeCodeInstall.check(facts.claude()));
        checks.addAll(EnvironmentChecks.checks(facts));
        return List.copyOf(checks);
    }
}
