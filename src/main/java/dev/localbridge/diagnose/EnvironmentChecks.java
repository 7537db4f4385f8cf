package dev.localbridge.diagnose;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The environment variables Claude Code reads, against the bridge's budget and address. */
final class EnvironmentChecks {
    static final String MAX_OUTPUT = "CLAUDE_CODE_MAX_OUTPUT_TOKENS";
    static final String MAX_CONTEXT = "CLAUDE_CODE_MAX_CONTEXT_TOKENS";
    static final String BASE_URL = "ANTHROPIC_BASE_URL";
    static final String API_KEY = "ANTHROPIC_API_KEY";
    static final String AUTH_TOKEN = "ANTHROPIC_AUTH_TOKEN";
    static final String NOT_A_VARIABLE = "CLAUDE_CODE_MAX_TOKENS";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]", "0.0.0.0");

    private EnvironmentChecks() {
    }

    static List<Check> checks(Facts facts) {
        List<Check> checks = new ArrayList<>(List.of(baseUrl(facts.settings()), credentials(facts.settings()),
                maxOutput(facts.settings(), facts.outputCeiling()),
                maxContext(facts.settings(), facts.contextPerRequest())));
        if (facts.settings().env(NOT_A_VARIABLE) != null) {
            checks.add(new Check(NOT_A_VARIABLE, new Outcome.Warn(NOT_A_VARIABLE + " is set, but it is not a Claude"
                    + " Code variable: it does nothing", "unset " + NOT_A_VARIABLE + "; to limit answers use "
                    + MAX_OUTPUT + "=" + facts.outputCeiling())));
        }
        return checks;
    }

    static Check baseUrl(DoctorSettings settings) {
        String value = settings.env(BASE_URL);
        String fix = "export " + BASE_URL + "=" + settings.bridgeUrl();
        if (value == null) {
            return new Check(BASE_URL, new Outcome.Fail("not set: Claude Code would talk to Anthropic's API, not"
                    + " to the bridge", fix));
        }
        if (!pointsAt(value, settings.bridgeUrl())) {
            return new Check(BASE_URL, new Outcome.Fail(value + " is not this bridge (" + settings.bridgeUrl()
                    + "): Claude Code would send its requests there", fix));
        }
        return new Check(BASE_URL, new Outcome.Pass(value));
    }

    static Check credentials(DoctorSettings settings) {
        String fix = "unset " + API_KEY + "; export " + AUTH_TOKEN + "=local";
        if (settings.env(API_KEY) != null) {
            return new Check("credentials", new Outcome.Warn(API_KEY + " is set: Claude Code asks you to approve"
                    + " the key, and sends its background requests to a Haiku model id", fix));
        }
        if (settings.env(AUTH_TOKEN) == null) {
            return new Check("credentials", new Outcome.Warn("neither " + AUTH_TOKEN + " nor " + API_KEY
                    + " is set: Claude Code will ask you to log in to Anthropic", "export " + AUTH_TOKEN + "=local"));
        }
        return new Check("credentials", new Outcome.Pass(AUTH_TOKEN + " is set"));
    }

    static Check maxOutput(DoctorSettings settings, int ceiling) {
        String value = settings.env(MAX_OUTPUT);
        String fix = "export " + MAX_OUTPUT + "=" + ceiling;
        if (value == null) {
            return new Check(MAX_OUTPUT, new Outcome.Info("not set: Claude Code asks for its model's default (up"
                    + " to 128000 tokens) and the bridge cuts each answer at its " + ceiling + "-token ceiling", fix));
        }
        long tokens = parse(value);
        if (tokens <= 0) {
            return new Check(MAX_OUTPUT, new Outcome.Warn("\"" + value + "\" is not a number of tokens", fix));
        }
        if (tokens > ceiling) {
            return new Check(MAX_OUTPUT, new Outcome.Warn(tokens + " is more than the bridge's output ceiling of "
                    + ceiling + ": long answers stop at " + ceiling + " tokens, earlier than Claude Code expects",
                    fix + " (or start the bridge with --output-ceiling " + tokens + ")"));
        }
        return new Check(MAX_OUTPUT, new Outcome.Pass(tokens + " (the bridge's ceiling is " + ceiling + ")"));
    }

    static Check maxContext(DoctorSettings settings, int ctx) {
        String value = settings.env(MAX_CONTEXT);
        String fix = ctx > 0 ? "export " + MAX_CONTEXT + "=" + ctx : "";
        if (value == null) {
            return new Check(MAX_CONTEXT, new Outcome.Info("not set: Claude Code assumes a 200000-token window and"
                    + " compacts only after the bridge answers \"prompt is too long\"", fix));
        }
        long tokens = parse(value);
        if (tokens <= 0) {
            return new Check(MAX_CONTEXT, new Outcome.Warn("\"" + value + "\" is not a number of tokens", fix));
        }
        if (ctx <= 0) {
            return new Check(MAX_CONTEXT, new Outcome.Info(tokens + " (the backend's context is unknown)"));
        }
        if (tokens > ctx) {
            return new Check(MAX_CONTEXT, new Outcome.Warn(tokens + " is more than the " + ctx + " tokens the"
                    + " backend gives a request: Claude Code compacts too late, after a request has failed", fix));
        }
        return new Check(MAX_CONTEXT, new Outcome.Pass(tokens + " (the backend gives a request " + ctx + ")"));
    }

    /** Whether a base URL reaches the bridge: same port, a loopback name for a loopback bridge, no path. */
    static boolean pointsAt(String value, String bridgeUrl) {
        try {
            URI given = URI.create(value.strip());
            URI bridge = URI.create(bridgeUrl);
            String path = given.getPath() == null ? "" : given.getPath();
            return "http".equalsIgnoreCase(given.getScheme()) && given.getHost() != null
                    && samePlace(given.getHost(), bridge.getHost())
                    && (given.getPort() == -1 ? 80 : given.getPort()) == bridge.getPort()
                    && (path.isEmpty() || path.equals("/"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean samePlace(String a, String b) {
        return a.equalsIgnoreCase(b) || LOOPBACK.contains(a.toLowerCase()) && LOOPBACK.contains(b.toLowerCase());
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
