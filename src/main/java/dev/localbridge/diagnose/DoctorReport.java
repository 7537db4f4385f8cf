package dev.localbridge.diagnose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code doctor}'s output: one line per check for people, or JSON for machines, and the exit code. */
public final class DoctorReport {
    /** Names are padded to this width; longer ones (environment variables) just take the room they need. */
    private static final int NAME_WIDTH = 11;
    private DoctorReport() {
    }

    /** 1 when any check failed, else 0 (warnings do not fail). */
    public static int exitCode(List<Check> checks) {
        return checks.stream().anyMatch(Check::failed) ? 1 : 0;
    }

    public static String text(List<Check> checks) {
        int width = Math.min(NAME_WIDTH, checks.stream().mapToInt(c -> c.name().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        for (Check check : checks) {
            Outcome outcome = check.outcome();
            out.append(outcome.symbol()).append(' ').append(pad(check.name(), width)).append("  ")
                    .append(outcome.detail());
            if (!outcome.fix().isEmpty()) {
                out.append(" → ").append(outcome.fix());
            }
            out.append('\n');
        }
        return out.append('\n').append(summary(checks)).append('\n').toString();
    }

    static String summary(List<Check> checks) {
        long failed = count(checks, "fail");
        long warned = count(checks, "warn");
        if (failed == 0 && warned == 0) {
            return "Everything checked is ready for Claude Code.";
        }
        String problems = failed == 0 ? "" : failed + (failed == 1 ? " problem" : " problems") + " to fix";
        String warnings = warned == 0 ? "" : warned + (warned == 1 ? " warning" : " warnings");
        String joined = problems.isEmpty() ? warnings : warnings.isEmpty() ? problems : problems + ", " + warnings;
        return joined + (failed > 0 ? ": Claude Code will not work through the bridge until the ✗ lines are fixed."
                : ": Claude Code works, but see the ! lines.");
    }

    public static String json(List<Check> checks) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeBooleanField("ok", exitCode(checks) == 0);
            json.writeNumberField("failures", count(checks, "fail"));
            json.writeNumberField("warnings", count(checks, "warn"));
            json.writeArrayFieldStart("checks");
            for (Check check : checks) {
                json.writeStartObject();
                json.writeStringField("name", check.name());
                json.writeStringField("status", check.outcome().status());
                json.writeStringField("detail", check.outcome().detail());
                json.writeStringField("fix", check.outcome().fix().isEmpty() ? null : check.outcome().fix());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static long count(List<Check> checks, String status) {
        return checks.stream().filter(c -> c.outcome().status().equals(status)).count();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
