package dev.localbridge.cli;

import dev.localbridge.diagnose.Check;
import dev.localbridge.diagnose.Doctor;
import dev.localbridge.diagnose.DoctorReport;
import dev.localbridge.diagnose.DoctorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the whole chain: the bridge, the backend and its model, Claude Code, and the"
                + " environment variables Claude Code reads.",
                "Prints one line per check: ✓ fine, · worth knowing, ! worth fixing, ✗ must fix (with the fix)."
                        + " Exits 1 when any check fails."},
        footer = {"", "Examples:",
                "  localbridge doctor                                  # bridge on :8082, llama-server on :8080",
                "  localbridge doctor --port 8083 --backend http://gpu-box:8080",
                "  localbridge doctor --json | jq '.checks[] | select(.status == \"fail\")'"})
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    BridgeOptions options;

    @Option(names = "--json", description = "Print the checks as JSON: {ok, failures, warnings, checks:[{name,"
            + " status (pass|info|warn|fail|skip), detail, fix}]}.")
    boolean json;

    @Option(names = "--timeout-ms", description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).",
            defaultValue = "3000")
    long timeoutMs;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    DoctorCommand() {
        this(System.getenv());
    }

    /** @param environment the environment Claude Code would run in */
    DoctorCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        DoctorSettings settings = new DoctorSettings(options.bridgeUrl(), options.port, options.backend(),
                options.backendApiKey, options.outputCeiling, options.ctx, environment,
                Duration.ofMillis(timeoutMs));
        List<Check> checks = Doctor.run(settings);
        spec.commandLine().getOut().print(json ? DoctorReport.json(checks) : DoctorReport.text(checks));
        spec.commandLine().getOut().flush();
        return DoctorReport.exitCode(checks);
    }
}
