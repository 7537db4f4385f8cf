package dev.localbridge.translate.toolcall;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds tool calls a model wrote as text, while the text streams. Text passes straight through unless it might
 * be the start of a call: then only that tail is held (at most {@link #MAX_MARKER} characters) until it is
 * either a call's opener or not. A recognised candidate is held until it is complete (at most
 * {@link #MAX_CANDIDATE} characters) and then judged by {@link Recovery}. Nothing inside inline code or a
 * fenced block other than a tool fence is ever a call. A weak candidate (bare JSON, a json fence, a call
 * list) is a call only if nothing but whitespace and other calls follows it.
 *
 * <p>A protocol state machine, confined to one thread.
 */
public final class TextCallScanner {
    public static final int MAX_MARKER = 40;
    public static final int MAX_CANDIDATE = 512 * 1024;
    private static final Format[] STRONG = {Format.HERMES, Format.FUNCTION_TAG, Format.PYTHON_TAG, Format.MISTRAL,
        Format.DEEPSEEK, Format.DEEPSEEK_CALL};

    /** Where text and recovered calls go, in order. */
    public interface Sink {
        void text(String text);

        void calls(List<RecoveredCall> calls);

        /** A candidate that named a real tool but was not usable (its text and the note went to {@link #text}). */
        void unusable();
    }

    private enum Mode { TEXT, MARKER, FENCE_INFO, CANDIDATE, OPAQUE_FENCE, INLINE }

    private enum Verdict { MAYBE, NO, CONTROL, OPENER }

    private final Recovery recovery;
    private final Sink sink;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder out = new StringBuilder();
    private final List<RecoveredCall> pendingCalls = new ArrayList<>();
    private final StringBuilder pendingText = new StringBuilder();
    private Mode mode = Mode.TEXT;
    private boolean lineStart = true;
    private boolean markerAtLineStart;
    private Format format;
    private int depth;
    private char quote;
    private int fenceTicks;
    private boolean fenceBodySeen;

    public TextCallScanner(Recovery recovery, Sink sink) {
        this.recovery = recovery;
        this.sink = sink;
    }

    public void feed(String text) {
        if (mode == Mode.TEXT && pendingCalls.isEmpty() && plain(text)) {
            sink.text(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            step(text.charAt(i));
        }
        flushOut();
    }

    /** The stream ended: whatever is held is decided now. */
    public void finish() {
        switch (mode) {
            case MARKER, FENCE_INFO -> emit(held);
            case CANDIDATE -> complete(format.terminator == null || !endsWithTerminator()
                    ? held.substring(format.opener.length()) : body());
            case TEXT, OPAQUE_FENCE, INLINE -> {
            }
        }
        held.setLength(0);
        mode = Mode.TEXT;
        flushOut();
        if (!pendingCalls.isEmpty()) {
            sink.calls(List.copyOf(pendingCalls));
            pendingCalls.clear();
            pendingText.setLength(0);
        }
    }

    /** Characters held back right now (bounded by {@link #MAX_CANDIDATE}). */
    public int heldChars() {
        return held.length() + pendingText.length();
    }

    /** No character that could start anything: the text goes out as it is. Tracks the line start on the way. */
    private boolean plain(String text) {
        boolean start = lineStart;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '[' || c == '`' || (c == '{' && start)) {
                return false;
            }
            start = c == '\n' || (start && (c == ' ' || c == '\t'));
        }
        lineStart = start;
        return true;
    }

    private void step(char c) {
        switch (mode) {
            case TEXT -> onText(c);
            case MARKER -> onMarker(c);
            case FENCE_INFO -> onFenceInfo(c);
            case CANDIDATE -> onCandidate(c);
            case OPAQUE_FENCE -> onOpaqueFence(c);
            case INLINE -> {
                emit(c);
                if (c == '`' || c == '\n') {
                    mode = Mode.TEXT;
                    lineStart = c == '\n';
                }
            }
        }
    }

    private void onText(char c) {
        if (!pendingCalls.isEmpty() && Character.isWhitespace(c)) {
            pendingText.append(c);
            lineStart = c == '\n' || (lineStart && (c == ' ' || c == '\t'));
            return;
        }
        if (c == '<' || c == '[' || c == '`' || (c == '{' && lineStart)) {
            mode = Mode.MARKER;
            markerAtLineStart = lineStart;
            held.append(c);
            onMarkerChange();
            return;
        }
        emit(c);
        lineStart = c == '\n' || (lineStart && (c == ' ' || c == '\t'));
    }

    private void onMarker(char c) {
        held.append(c);
        onMarkerChange();
    }

    private void onMarkerChange() {
        if (markerAtLineStart && held.length() == 3 && held.toString().equals("```")) {
            mode = Mode.FENCE_INFO;
            return;
        }
        switch (classify()) {
            case MAYBE -> {
            }
            case CONTROL -> {
                held.setLength(0);
                mode = Mode.TEXT;
            }
            case OPENER -> {
                mode = Mode.CANDIDATE;
                depth = 0;
                quote = 0;
                if (format.terminator == null) {
                    for (int i = 0; i < held.length(); i++) {
                        balance(held.charAt(i));
                    }
                }
            }
            case NO -> release();
        }
    }

    /** Not an opener after all: the first character is text, the rest is looked at again. */
    private void release() {
        String rest = held.substring(1);
        char first = held.charAt(0);
        held.setLength(0);
        mode = first == '`' ? Mode.INLINE : Mode.TEXT;
        emit(first);
        lineStart = false;
        for (int i = 0; i < rest.length(); i++) {
            step(rest.charAt(i));
        }
    }

    private Verdict classify() {
        if (held.length() > MAX_MARKER) {
            return Verdict.NO;
        }
        boolean maybe = false;
        for (Format strong : STRONG) {
            if (held.length() == strong.opener.length() && strong.opener.contentEquals(held)) {
                format = strong;
                return Verdict.OPENER;
            }
            maybe |= held.length() < strong.opener.length() && strong.opener.startsWith(held.toString());
        }
        if (Markers.controlToken(held)) {
            return Verdict.CONTROL;
        }
        maybe |= Markers.controlPrefix(held);
        if (markerAtLineStart) {
            char first = held.charAt(0);
            if (first == '`') {
                maybe |= held.length() < 3 && "```".startsWith(held.toString());
            } else if (first == '{' || first == '[') {
                Markers.Start start = first == '{' ? Markers.jsonCall(held, 0) : Markers.callList(held);
                if (start == Markers.Start.YES) {
                    format = first == '{' ? Format.BARE_JSON : Format.CALL_LIST;
                    return Verdict.OPENER;
                }
                maybe |= start == Markers.Start.MAYBE;
            }
        }
        return maybe ? Verdict.MAYBE : Verdict.NO;
    }

    private void onFenceInfo(char c) {
        held.append(c);
        if (c != '\n') {
            if (held.length() > MAX_MARKER) {
                toOpaqueFence();
            }
            return;
        }
        String info = held.substring(3).strip();
        if (info.equals("tool_code") || info.equals("tool_call")) {
            format = Format.GEMMA_FENCE;
        } else if (info.isEmpty() || info.equals("json") || info.equals("tool") || info.equals("function")) {
            format = Format.JSON_FENCE;
        } else {
            toOpaqueFence();
            return;
        }
        mode = Mode.CANDIDATE;
        fenceBodySeen = false;
    }

    private void toOpaqueFence() {
        emit(held);
        held.setLength(0);
        mode = Mode.OPAQUE_FENCE;
        fenceTicks = 0;
        lineStart = false;
    }

    private void onOpaqueFence(char c) {
        emit(c);
        if (c == '`' && (lineStart || fenceTicks > 0)) {
            fenceTicks++;
            lineStart = false;
            if (fenceTicks == 3) {
                mode = Mode.TEXT;
            }
            return;
        }
        fenceTicks = 0;
        lineStart = c == '\n' || (lineStart && (c == ' ' || c == '\t'));
    }

    private void onCandidate(char c) {
        held.append(c);
        if (held.length() > MAX_CANDIDATE) {
            emit(format.weak ? held : Recovery.withoutControlTokens(held.toString()));
            held.setLength(0);
            mode = Mode.TEXT;
            lineStart = false;
            return;
        }
        if (format == Format.JSON_FENCE && !fenceBodySeen && !Character.isWhitespace(c)) {
            fenceBodySeen = true;
            if (c != '{' && c != '[') {
                toOpaqueFence();
                return;
            }
        }
        if (format.terminator == null) {
            if (balance(c)) {
                complete(held.substring(format.opener.length()));
            }
        } else if (endsWithTerminator()) {
            complete(body());
        }
    }

    /** Tracks brackets outside strings; true when the candidate's outermost bracket has closed. */
    private boolean balance(char c) {
        if (quote != 0) {
            if (c == '\\') {
                quote = quote == '"' ? '\u0001' : '\u0002';
            } else if (quote == '\u0001') {
                quote = '"';
            } else if (quote == '\u0002') {
                quote = '\'';
            } else if (c == quote) {
                quote = 0;
            }
            return false;
        }
        switch (c) {
            case '"', '\'' -> quote = c;
            case '{', '[', '(' -> depth++;
            case '}', ']', ')' -> depth--;
            default -> {
            }
        }
        return depth == 0;
    }

    private boolean endsWithTerminator() {
        if (matchesEnd(format.terminator)) {
            return true;
        }
        return format == Format.PYTHON_TAG && matchesEnd("<|eot_id|>");
    }

    private boolean matchesEnd(String terminator) {
        int start = held.length() - terminator.length();
        if (start < format.opener.length()) {
            return false;
        }
        for (int i = 0; i < terminator.length(); i++) {
            if (held.charAt(start + i) != terminator.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String body() {
        int end = held.length();
        if (matchesEnd(format.terminator)) {
            end -= format.terminator.length();
        } else if (format == Format.PYTHON_TAG && matchesEnd("<|eot_id|>")) {
            end -= "<|eot_id|>".length();
        }
        return held.substring(format.opener.length(), end);
    }

    /** A complete candidate: calls (now, or pending when weak) or text. */
    private void complete(String body) {
        String raw = held.toString();
        held.setLength(0);
        mode = Mode.TEXT;
        lineStart = raw.endsWith("\n");
        switch (recovery.judge(format, body, raw)) {
            case Recovery.Outcome.Calls calls -> {
                if (format.weak) {
                    pendingCalls.addAll(calls.calls());
                    pendingText.append(raw);
                    return;
                }
                flushOut();
                flushPendingCalls();
                sink.calls(calls.calls());
            }
            case Recovery.Outcome.Text text -> {
                emit(text.text());
                if (text.note() != null) {
                    emit(text.note());
                    flushOut();
                    sink.unusable();
                }
            }
        }
    }

    private void flushPendingCalls() {
        if (!pendingCalls.isEmpty()) {
            sink.calls(List.copyOf(pendingCalls));
            pendingCalls.clear();
            pendingText.setLength(0);
        }
    }

    /** Text goes out; weak calls held before it were not the end of the message, so they are text too. */
    private void emit(CharSequence text) {
        if (!pendingCalls.isEmpty()) {
            out.append(pendingText);
            pendingText.setLength(0);
            pendingCalls.clear();
        } else if (!pendingText.isEmpty()) {
            out.append(pendingText);
            pendingText.setLength(0);
        }
        out.append(text);
    }

    private void emit(char c) {
        if (!pendingCalls.isEmpty() || !pendingText.isEmpty()) {
            emit(String.valueOf(c));
            return;
        }
        out.append(c);
    }

    private void flushOut() {
        if (!out.isEmpty()) {
            sink.text(out.toString());
            out.setLength(0);
        }
    }
}
