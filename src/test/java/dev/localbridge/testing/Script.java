package dev.localbridge.testing;

import java.util.ArrayList;
import java.util.List;

/** What the scripted backend answers to one chat request: a name (for diagnostics) and steps. */
public record Script(String name, List<Step> steps) {

    public sealed interface Step {
        /** A complete non-streaming answer with this status, e.g. an error. */
        record Status(int code, String body) implements Step {
        }

        /** Send the 200 head now, before any chunk (llama-server waits for the first token). */
        record Head() implements Step {
        }

        /** {@code data: <json>}. */
        record Data(String json) implements Step {
        }

        /** A raw line, e.g. an SSE comment or {@code data: [DONE]}. */
        record Line(String text) implements Step {
        }

        record Delay(long millis) implements Step {
        }

        /** Stop sending and keep the connection open (until the bridge hangs up). */
        record Wait() implements Step {
        }

        /** Reset the connection. */
        record Drop() implements Step {
        }

        /** A complete answer with any status, content type and body ({@code times} copies of {@code body}). */
        record Raw(int code, String contentType, String body, int times) implements Step {
        }

        /** Wait without sending anything, not even the head. */
        record Stall(long millis) implements Step {
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** A llama-server-like answer: role chunk, one content chunk per piece, stop, usage, [DONE]. */
    public static Script text(String... pieces) {
        Builder builder = named("text").role();
        for (String piece : pieces) {
            builder.content(piece);
        }
        return builder.finish("stop").usage(10, pieces.length, 0).done().build();
    }

    public static Script error(int status, String body) {
        return named("error " + status).status(status, body).build();
    }

    public static final class Builder {
        private final String name;
        private final List<Step> steps = new ArrayList<>();
        private int created = 1_700_000_000;

        private Builder(String name) {
            this.name = name;
        }

        public Builder status(int code, String body) {
            steps.add(new Step.Status(code, body));
            return this;
        }

        public Builder head() {
            steps.add(new Step.Head());
            return this;
        }

        public Builder role() {
            return delta("{\"role\":\"assistant\",\"content\":null}", null);
        }

        public Builder content(String text) {
            return delta("{\"content\":" + Json.quote(text) + "}", null);
        }

        public Builder reasoning(String text) {
            return delta("{\"reasoning_content\":" + Json.quote(text) + "}", null);
        }

        /** The first fragment of a tool call: index, id, name and (maybe empty) arguments. */
        public Builder toolStart(int index, String id, String name, String arguments) {
            return delta("{\"tool_calls\":[{\"index\":" + index + ",\"id\":" + Json.quote(id)
                    + ",\"type\":\"function\",\"function\":{\"name\":" + Json.quote(name) + ",\"arguments\":"
                    + Json.quote(arguments) + "}}]}", null);
        }

        public Builder toolArguments(int index, String fragment) {
            return delta("{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":"
                    + Json.quote(fragment) + "}}]}", null);
        }

        /** A tool call whose arguments arrive in fragments of {@code size} characters. */
        public Builder tool(int index, String id, String name, String arguments, int size) {
            toolStart(index, id, name, "");
            for (int at = 0; at < arguments.length(); at += size) {
                toolArguments(index, arguments.substring(at, Math.min(arguments.length(), at + size)));
            }
            return this;
        }

        public Builder finish(String reason) {
            return delta("{}", reason);
        }

        public Builder usage(long prompt, long completion, long cached) {
            steps.add(new Step.Data("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":"
                    + created + ",\"model\":\"m\",\"choices\":[],\"usage\":{\"completion_tokens\":" + completion
                    + ",\"prompt_tokens\":" + prompt + ",\"total_tokens\":" + (prompt + completion)
                    + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached + "}}}"));
            return this;
        }

        public Builder streamError(int code, String type, String message) {
            steps.add(new Step.Data("{\"error\":{\"code\":" + code + ",\"message\":" + Json.quote(message)
                    + ",\"type\":" + Json.quote(type) + "}}"));
            return this;
        }

        public Builder line(String text) {
            steps.add(new Step.Line(text));
            return this;
        }

        public Builder done() {
            return line("data: [DONE]\n");
        }

        public Builder delay(long millis) {
            steps.add(new Step.Delay(millis));
            return this;
        }

        public Builder waitForever() {
            steps.add(new Step.Wait());
            return this;
        }

        public Builder raw(int code, String contentType, String body) {
            return raw(code, contentType, body, 1);
        }

        public Builder raw(int code, String contentType, String body, int times) {
            steps.add(new Step.Raw(code, contentType, body, times));
            return this;
        }

        public Builder stall(long millis) {
            steps.add(new Step.Stall(millis));
            return this;
        }

        public Builder drop() {
            steps.add(new Step.Drop());
            return this;
        }

        private Builder delta(String delta, String finishReason) {
            steps.add(new Step.Data("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":"
                    + created + ",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta
                    + ",\"finish_reason\":" + (finishReason == null ? "null" : Json.quote(finishReason)) + "}]}"));
            return this;
        }

        public Script build() {
            return new Script(name, List.copyOf(steps));
        }
    }
}
