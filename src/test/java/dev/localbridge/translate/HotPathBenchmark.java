package dev.localbridge.translate;

import dev.localbridge.anthropic.EventEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localbridge.anthropic.Tool;
import dev.localbridge.json.JsonValue;
import dev.localbridge.openai.ChatChunk;
import dev.localbridge.translate.toolcall.ToolSet;
import dev.localbridge.openai.ChunkParser;
import dev.localbridge.openai.SseDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmark of the bridge's work per streamed token: parse one llama-server chunk, translate it, encode the
 * resulting {@code content_block_delta} event. Run {@code scripts/bench-jmh} (with {@code -prof gc} for bytes
 * allocated per token).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {
    static final byte[] TEXT_CHUNK = ("{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\" world\"}}],"
            + "\"created\":1795566134,\"id\":\"chatcmpl-Xq2\",\"model\":\"qwen3-coder\",\"system_fingerprint\":"
            + "\"b11669-Debian\",\"object\":\"chat.completion.chunk\"}").getBytes(StandardCharsets.UTF_8);
    static final byte[] TOOL_CHUNK = ("{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"tool_calls\":"
            + "[{\"index\":0,\"function\":{\"arguments\":\"_path\\\":\"}}]}}],\"created\":1795566134,\"id\":\"c\","
            + "\"model\":\"m\",\"object\":\"chat.completion.chunk\"}").getBytes(StandardCharsets.UTF_8);

    static final byte[] SSE_LINE = ("data: " + new String(TEXT_CHUNK, StandardCharsets.UTF_8) + "\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private final ChunkParser.Reader reader = ChunkParser.reader();
    private final SseDecoder decoder = new SseDecoder(1 << 20, new SseDecoder.Listener() {
        @Override
        public void onPayload(String event, byte[] bytes, int start, int length) throws IOException {
            translator.onChunk(reader.read(bytes, start, length));
        }

        @Override
        public void onDone() {
        }
    });
    private StreamTranslator translator;
    private StreamTranslator withTools;
    private int next;
    static final byte[][] WORDS = words();

    private static byte[][] words() {
        byte[][] words = new byte[4096][];
        String chunk = new String(TEXT_CHUNK, StandardCharsets.UTF_8);
        for (int i = 0; i < words.length; i++) {
            words[i] = chunk.replace(" world", " w" + Integer.toString(i, 36)).getBytes(StandardCharsets.UTF_8);
        }
        return words;
    }
    private EventEncoder encoder;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) throws IOException {
        sink = blackhole;
        encoder = new EventEncoder();
        // The same chunk over and over is a loop to the loop detector: off here, as before it existed.
        translator = new StreamTranslator(event -> sink.consume(encoder.encode(event)), false, List.of(),
                new ThinkingSignatures(new byte[32]), 0, ToolSet.NONE, LoopDetector.Settings.OFF);
        translator.start("msg_bench", "claude-opus-5-5");
        translator.onChunk(ChunkParser.parse(TEXT_CHUNK, 0, TEXT_CHUNK.length));
        JsonValue schema = JsonValue.adopt(new ObjectMapper().readTree(
                "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"}},\"required\":[\"command\"]}"));
        ToolSet tools = ToolSet.of(List.of(new Tool("Bash", "Runs a command", schema, false),
                new Tool("Read", "Reads a file", schema, false), new Tool("Write", "Writes a file", schema, false)));
        withTools = new StreamTranslator(event -> sink.consume(encoder.encode(event)), false, List.of(),
                new ThinkingSignatures(new byte[32]), 0, tools, LoopDetector.Settings.DEFAULT);
        withTools.start("msg_bench", "claude-opus-5-5");
        withTools.onChunk(ChunkParser.parse(TEXT_CHUNK, 0, TEXT_CHUNK.length));
    }

    /**
     * A text token as Claude Code's requests have it: tools (so the text is watched for tool calls written as text)
     * and loop detection on; 4096 different words in turn, so the detector sees no loop.
     */
    @Benchmark
    public boolean textTokenWithTools() throws IOException {
        byte[] chunk = WORDS[next++ & (WORDS.length - 1)];
        return withTools.onChunk(reader.read(chunk, 0, chunk.length));
    }

    /** The one-shot parser (a parser per chunk), for comparison with the per-stream reader. */
    @Benchmark
    public ChatChunk parseOnly() throws IOException {
        return ChunkParser.parse(TEXT_CHUNK, 0, TEXT_CHUNK.length);
    }

    @Benchmark
    public boolean textToken() throws IOException {
        return translator.onChunk(reader.read(TEXT_CHUNK, 0, TEXT_CHUNK.length));
    }

    /** The whole upstream path of one token: its SSE line decoded, its chunk parsed, translated and encoded. */
    @Benchmark
    public void sseLineToken() throws IOException {
        decoder.feed(SSE_LINE, 0, SSE_LINE.length);
    }

    @Benchmark
    public ChatChunk streamReaderParse() throws IOException {
        return reader.read(TEXT_CHUNK, 0, TEXT_CHUNK.length);
    }

    @Benchmark
    public byte[] encodeOnly() {
        return encoder.encode(new dev.localbridge.anthropic.StreamEvent.BlockDelta(0,
                new dev.localbridge.anthropic.StreamEvent.Delta.Text(" world")));
    }

    @Benchmark
    public ChatChunk toolFragmentParse() throws IOException {
        return reader.read(TOOL_CHUNK, 0, TOOL_CHUNK.length);
    }
}
