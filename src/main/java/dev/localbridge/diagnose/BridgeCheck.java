package dev.localbridge.diagnose;

import dev.localbridge.backend.BackendProber;
import java.net.URI;

/** Is Local Bridge itself what answers at {@code --host}/{@code --port}? */
final class BridgeCheck {
    static final String NAME = "bridge";

    private BridgeCheck() {
    }

    static Check check(Facts facts) {
        DoctorSettings settings = facts.settings();
        String url = settings.bridgeUrl();
        String start = "localbridge serve --port " + settings.port() + " --backend " + settings.backend();
        String elsewhere = "stop that program, or run the bridge on a free port (localbridge serve --port "
                + (settings.port() + 1) + ") and point ANTHROPIC_BASE_URL there";
        Outcome outcome = switch (facts.bridge()) {
            case BridgeStatus.Running running -> new Outcome.Pass("Local Bridge " + running.version() + " at " + url
                    + backendNote(running, settings.backend()) + ", output ceiling " + running.outputCeiling());
            case BridgeStatus.Absent absent -> new Outcome.Fail("nothing answers at " + url + " ("
                    + absent.reason() + ")", "start it: " + start);
            case BridgeStatus.Foreign foreign -> new Outcome.Fail("port " + settings.port()
                    + " is taken by something that is not Local Bridge: " + foreign.answer()
                    + (looksLikeLlamaServer(foreign) ? " (that looks like llama-server itself)" : ""), elsewhere);
            case BridgeStatus.NotHttp notHttp -> new Outcome.Fail("port " + settings.port()
                    + " is taken by something that is not an HTTP server: " + notHttp.reason(), elsewhere);
        };
        return new Check(NAME, outcome);
    }

    private static String backendNote(BridgeStatus.Running running, URI configured) {
        if (running.backendUrl().isEmpty()) {
            return "";
        }
        boolean same = BackendProber.root(URI.create(running.backendUrl())).equals(BackendProber.root(configured));
        return ", forwarding to " + running.backendUrl() + (same ? "" : " (not --backend " + configured
                + ": doctor checks the backend the bridge uses)");
    }

    private static boolean looksLikeLlamaServer(BridgeStatus.Foreign foreign) {
        return foreign.answer().contains("{\"status\":\"ok\"}") || foreign.answer().contains("Loading model");
    }
}
