package dev.localbridge.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.backend.BackendStatus;
import java.net.URI;
import java.util.List;

/** The backend's checks: reachable and loaded, its model, what it supports (tools, vision, thinking). */
final class BackendChecks {
    private BackendChecks() {
    }

    static List<Check> checks(Facts facts) {
        BackendInfo info = facts.serving();
        if (info == null) {
            Outcome skipped = new Outcome.Skip("not checked: no backend");
            return List.of(backend(facts), new Check("model", skipped), ContextCheck.check(facts),
                    new Check("tools", skipped), new Check("vision", skipped), new Check("thinking", skipped));
        }
        JsonNode props = ((BackendStatus.Serving) facts.backend()).props();
        return List.of(backend(facts), model(info), ContextCheck.check(facts), tools(info), vision(info),
                thinking(info, props));
    }

    static Check backend(Facts facts) {
        BackendStatus status = facts.backend();
        String url = status.url();
        String other = "point --backend at your llama-server (or other OpenAI-compatible server), or stop whatever"
                + " holds port " + port(url) + " and start llama-server there";
        Outcome outcome = switch (status) {
            case BackendStatus.Serving serving -> new Outcome.Pass(serving.info().kind().label()
                    + (serving.info().detail().isEmpty() ? "" : " " + serving.info().detail()) + " at " + url);
            case BackendStatus.Loading loading -> new Outcome.Fail("the backend at " + url
                    + " is still loading its model (" + loading.message() + ")", "wait, or check the llama-server log");
            case BackendStatus.Absent absent -> new Outcome.Fail("no backend answers at " + url + " ("
                    + absent.reason() + ")", "start llama-server: llama-server -m MODEL.gguf --port " + port(url)
                    + " -c 32768 -np 1 --jinja (or point --backend at your server)");
            case BackendStatus.Unauthorized denied -> new Outcome.Fail("the backend at " + url
                    + " wants an API key (" + denied.answer() + ")", "pass it with --backend-api-key KEY");
            case BackendStatus.Foreign foreign -> new Outcome.Fail("something at " + url
                    + " answers HTTP but is not an OpenAI-compatible server: " + foreign.answer(), other);
            case BackendStatus.NotHttp notHttp -> new Outcome.Fail("port " + port(url)
                    + " is taken by something that is not an HTTP server: " + notHttp.reason(), other);
        };
        return new Check("backend", outcome);
    }

    static Check model(BackendInfo info) {
        if (info.model() == null || info.model().isBlank()) {
            return new Check("model", new Outcome.Warn("the backend does not name its model",
                    "load a model (llama-server -m MODEL.gguf, ollama run NAME) or name one with"
                            + " --model-map default=NAME"));
        }
        return new Check("model", new Outcome.Pass(info.model()));
    }

    static Check tools(BackendInfo info) {
        Boolean tools = info.capabilities().tools();
        if (tools == null) {
            return new Check("tools", new Outcome.Info("the backend does not say whether its chat template renders"
                    + " tools; Claude Code needs tool calls for everything it does",
                    "use a model and server set up for tool calling (vLLM: --enable-auto-tool-choice"
                            + " --tool-call-parser NAME)"));
        }
        if (!tools) {
            return new Check("tools", new Outcome.Fail("the chat template cannot render tools"
                    + " (chat_template_caps.supports_tools: false): Claude Code's tools would be dropped, so it could"
                    + " not read, edit or run anything",
                    "start llama-server with --jinja / a tool-capable template (the model's own, or"
                            + " --chat-template-file FILE.jinja)"));
        }
        Boolean parallel = info.capabilities().parallelToolCalls();
        return new Check("tools", new Outcome.Pass("the chat template renders tools"
                + (parallel == null ? "" : parallel ? " and parallel tool calls" : " (one call at a time)")));
    }

    static Check vision(BackendInfo info) {
        Boolean vision = info.capabilities().vision();
        if (vision == null) {
            return new Check("vision", new Outcome.Info("unknown: the backend does not say whether it reads images"));
        }
        if (!vision) {
            return new Check("vision", new Outcome.Info("no: images Claude Code sends (screenshots, pasted pictures)"
                    + " will be refused by the backend",
                    "for images, run a vision model: llama-server -m MODEL.gguf --mmproj MMPROJ.gguf"));
        }
        return new Check("vision", new Outcome.Pass("yes: images are passed to the model"));
    }

    static Check thinking(BackendInfo info, JsonNode props) {
        String template = props.path("chat_template").asText("");
        boolean thinks = Boolean.TRUE.equals(info.capabilities().reasoning()) || template.contains("<think>")
                || template.contains("enable_thinking") || template.contains("reasoning_content");
        String format = props.path("default_generation_settings").path("params").path("reasoning_format").asText("");
        if (info.kind() != BackendInfo.Kind.LLAMA_CPP) {
            return new Check("thinking", new Outcome.Info("unknown: the bridge asks for thinking through"
                    + " chat_template_kwargs.enable_thinking; models that cannot think answer without it"));
        }
        if (thinks && format.equals("none")) {
            return new Check("thinking", new Outcome.Warn("the template thinks, but llama-server runs with"
                    + " --reasoning-format none: the model's thinking would show up as answer text",
                    "restart llama-server without --reasoning-format none (or with --reasoning-format deepseek)"));
        }
        if (thinks) {
            return new Check("thinking", new Outcome.Pass("the template supports thinking: Claude Code's thinking"
                    + " requests turn it on, the others turn it off"));
        }
        return new Check("thinking", new Outcome.Info("this model's template does not think: Claude Code's"
                + " thinking requests are answered without thinking blocks (fine for non-reasoning models)"));
    }

    static int port(String url) {
        URI uri = URI.create(url);
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
