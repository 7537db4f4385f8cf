package dev.localbridge.translate.toolcall;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides what a complete candidate becomes: tool calls, only if every call names a tool of this request and its
 * (repaired) arguments validate against that tool's schema; otherwise text. Text from a control-token format
 * loses its control tokens; a call that named a real tool but could not be used gets a note saying so.
 */
public final class Recovery {
    private static final Pattern CONTROL = Pattern.compile(
            "<\\|[a-z_0-9]{1,30}\\|>|<｜[^｜\\n]{1,30}｜>|\\[(?:TOOL_CALLS|ARGS|CALL_ID)]");

    /** What a candidate became. */
    public sealed interface Outcome {
        record Calls(List<RecoveredCall> calls) implements Outcome {
            public Calls {
                calls = List.copyOf(calls);
            }
        }

        /** {@code note} is non-null when a real tool was meant but the call could not be used. */
        record Text(String text, String note) implements Outcome {
        }
    }

    private final ToolSet tools;

    public Recovery(ToolSet tools) {
        this.tools = tools;
    }

    public ToolSet tools() {
        return tools;
    }

    /** Control tokens removed: they are never shown as text. */
    public static String withoutControlTokens(String text) {
        return text.indexOf('<') < 0 && text.indexOf('[') < 0 ? text : CONTROL.matcher(text).replaceAll("");
    }

    /**
     * @param body the candidate without opener and terminator
     * @param raw the candidate as written, released as text if it is not a call
     */
    Outcome judge(Format format, String body, String raw) {
        String asText = format.weak ? raw : withoutControlTokens(raw);
        try {
            return decide(format, body, asText);
        } catch (RuntimeException e) {
            // A defect here must never end the stream: the text stays text (tests run with assertions on).
            assert false : e;
            return new Outcome.Text(asText, null);
        }
    }

    private Outcome decide(Format format, String body, String asText) {
        List<CallSyntax.RawCall> calls = CallSyntax.read(format, body, tools);
        if (calls == null) {
            String meant = CallSyntax.intendedName(body);
            return new Outcome.Text(asText, !format.weak && meant != null && tools.has(meant)
                    ? note(meant, "its text is not in a form the bridge can read") : null);
        }
        List<RecoveredCall> out = new ArrayList<>(calls.size());
        for (CallSyntax.RawCall call : calls) {
            if (!tools.has(call.name())) {
                return new Outcome.Text(asText, null);
            }
            String problem = problem(call, format, out);
            if (problem != null) {
                return new Outcome.Text(asText, format.weak ? null : note(call.name(), problem));
            }
        }
        return new Outcome.Calls(out);
    }

    /** Null when the call is usable (and then added to {@code out}), else why not. */
    private String problem(CallSyntax.RawCall call, Format format, List<RecoveredCall> out) {
        ArgumentRepair.Result repaired = ArgumentRepair.repair(call.arguments());
        return switch (repaired) {
            case ArgumentRepair.Result.Invalid invalid -> invalid.reason();
            case ArgumentRepair.Result.Valid valid -> {
                String violations = tools.violations(call.name(), valid.input());
                if (violations != null) {
                    yield "its arguments do not match the tool's input_schema: " + violations;
                }
                out.add(new RecoveredCall(call.name(), valid.input(), valid.json(), format, valid.fixes()));
                yield null;
            }
        };
    }

    /**
     * The backend's own tool call, complete: its arguments as valid JSON (repaired if need be), or the note.
     * Arguments cut off by the output limit are not completed by guessing.
     */
    public static Outcome backendCall(String name, String arguments, boolean cutOff) {
        ArgumentRepair.Result result = ArgumentRepair.repair(arguments);
        String problem = switch (result) {
            case ArgumentRepair.Result.Invalid invalid -> invalid.reason();
            case ArgumentRepair.Result.Valid valid -> cutOff && valid.fixes().contains(ArgumentRepair.Fix.CLOSED_AT_END)
                    ? "the arguments were cut off by the output limit (max_tokens)" : null;
        };
        if (problem == null && result instanceof ArgumentRepair.Result.Valid valid) {
            return new Outcome.Calls(List.of(new RecoveredCall(name, valid.input(), valid.json(), null, valid.fixes())));
        }
        String excerpt = arguments.length() <= 200 ? arguments : arguments.substring(0, 200) + "…";
        return new Outcome.Text("", note(name, problem + "; the arguments were: " + excerpt));
    }

    /** The note shown after a call that could not be used: the client sees why no tool ran. */
    public static String note(String tool, String reason) {
        return "\n\n[Local Bridge: the model wrote a call to the tool \"" + tool + "\", but it was not run: "
                + reason + ".]";
    }
}
