package dev.localbridge.cli;

import dev.localbridge.diagnose.ContextWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment Claude Code needs to use the bridge, each variable with a line saying why: printed by
 * {@code env} for a shell, and given to the child process by {@code claude}.
 */
final class ClaudeEnvironment {
    static final String PLACEHOLDER_TOKEN = "local";
    static final String LOCAL_MODEL = "claude-opus-local";

    sealed interface Entry {
        record Comment(String text) implements Entry {
        }

        record Variable(String name, String value, String why) implements Entry {
        }

        /** Advice to remove a variable, with the shell's own command. */
        record Unset(String name, String why) implements Entry {
        }

        /** A variable whose value is unknown: printed commented out, with the reason. */
        record Unknown(String name, String placeholder, String why, String reason) implements Entry {
        }
    }

    private ClaudeEnvironment() {
    }

    static List<Entry> entries(BridgeFacts facts, List<String> apiKeys) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry.Comment("Local Bridge for Claude Code at " + facts.url()
                + " (printed by `localbridge env`)"));
        entries.add(new Entry.Variable("ANTHROPIC_BASE_URL", facts.url(), "Where Claude Code sends its API requests:"
                + " the bridge."));
        entries.add(new Entry.Variable("ANTHROPIC_AUTH_TOKEN",
                apiKeys.isEmpty() ? PLACEHOLDER_TOKEN : apiKeys.getFirst(),
                apiKeys.isEmpty() ? "Sent as 'Authorization: Bearer'; the bridge accepts any value unless it runs with"
                        + " --api-keys. Not ANTHROPIC_API_KEY: with that one interactive Claude Code asks whether to"
                        + " trust a 'custom API key'."
                        : "The first of --api-keys, sent as 'Authorization: Bearer'. Not ANTHROPIC_API_KEY: with that"
                        + " one interactive Claude Code asks whether to trust a 'custom API key'."));
        entries.add(new Entry.Unset("ANTHROPIC_API_KEY", "If ANTHROPIC_API_KEY is set in this shell, remove it so the"
                + " token above is used without a prompt:"));
        entries.add(new Entry.Variable("CLAUDE_CODE_MAX_OUTPUT_TOKENS", Integer.toString(facts.outputCeiling()),
                "Most tokens one answer may generate: the bridge's output ceiling (--output-ceiling)."));
        entries.add(context(facts.context()));
        entries.add(model(facts.context()));
        entries.add(new Entry.Variable("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "No telemetry, error"
                + " reporting or update checks, and no HEAD /api/hello probe before the first request."));
        entries.add(new Entry.Variable("DISABLE_AUTOUPDATER", "1", "Keep this Claude Code version: no background"
                + " updates."));
        return entries;
    }

    private static Entry context(ContextWindow context) {
        String why = "Context tokens one request may use on the backend, so Claude Code compacts the conversation"
                + " before the backend overflows (it assumes 200000 for unknown models).";
        return switch (context) {
            case ContextWindow.Known known -> new Entry.Variable("CLAUDE_CODE_MAX_CONTEXT_TOKENS",
                    Integer.toString(known.tokens()), why + " Source: " + known.source() + ".");
            case ContextWindow.Unknown unknown -> new Entry.Unknown("CLAUDE_CODE_MAX_CONTEXT_TOKENS",
                    "<tokens per request>", why, "Unknown: " + unknown.reason() + ". Start the backend (or pass"
                    + " --ctx N) and run `localbridge env` again.");
        };
    }

    /**
     * Claude Code (2.1.328) applies CLAUDE_CODE_MAX_CONTEXT_TOKENS only to model ids it does not recognise; for its
     * own ids it assumes their real window (up to 1M tokens), so compaction would wait for the backend's
     * "prompt is too long". {@code claude-opus-local} is such an id (not ANTHROPIC_DEFAULT_OPUS_MODEL: that one
     * gets a {@code [1m]} suffix), and the bridge routes it like Claude Code's default, by the opus family.
     */
    private static Entry model(ContextWindow context) {
        return switch (context) {
            case ContextWindow.Known known -> new Entry.Variable("ANTHROPIC_MODEL", LOCAL_MODEL, "Model: an id Claude"
                    + " Code does not recognise, because only for such ids does it apply the context size above (for"
                    + " its own ids it assumes up to 1000000 tokens). The bridge accepts any id and routes this one"
                    + " like Claude Code's default, by the opus family (--model-map opus=…).");
            case ContextWindow.Unknown unknown -> new Entry.Comment("Models: Claude Code's own ids are left alone"
                    + " (the bridge accepts any id); once the context size is known this also sets ANTHROPIC_MODEL="
                    + LOCAL_MODEL + ", so that Claude Code applies it.");
        };
    }

    /** The variables that have a value, in order: what {@code claude} adds to the child's environment. */
    static Map<String, String> variables(List<Entry> entries) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry instanceof Entry.Variable variable) {
                variables.put(variable.name(), variable.value());
            }
        }
        return variables;
    }

    /** The lines to paste into {@code shell}. */
    static String render(List<Entry> entries, Shell shell) {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            switch (entry) {
                case Entry.Comment comment -> line(out, shell.comment(comment.text()));
                case Entry.Unset unset -> line(out, shell.comment(unset.why() + " " + shell.unset(unset.name())));
                case Entry.Variable variable -> {
                    line(out, shell.comment(variable.why()));
                    line(out, shell.set(variable.name(), variable.value()));
                }
                case Entry.Unknown unknown -> {
                    line(out, shell.comment(unknown.why()));
                    line(out, shell.comment(unknown.reason()));
                    line(out, shell.comment(shell.set(unknown.name(), unknown.placeholder())));
                }
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append('\n');
    }
}
