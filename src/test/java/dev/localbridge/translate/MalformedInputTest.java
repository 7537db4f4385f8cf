package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localbridge.anthropic.MessagesRequest;
import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.error.ApiException;
import dev.localbridge.error.ErrorType;
import dev.localbridge.openai.ChatRequestWriter;
import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input must get a clear invalid_request_error and nothing worse: every real fixture, mutated many ways
 * (fields removed, nulled, or given the wrong type, anywhere in the tree), is read and translated; the only
 * failure allowed is an {@link ApiException} of type invalid_request_error whose message names a field.
 */
class MalformedInputTest {
    static final int MUTATIONS_PER_FIXTURE = 400;
    static final JsonNode[] WRONG_VALUES = {JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.numberNode(7),
            JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode()};

    static Stream<Path> fixtures() throws Exception {
        return Files.list(ExternalTools.shared().resolve("fixtures/claude-code-2.1.328")).sorted();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void mutated_real_requests_get_an_invalid_request_error_or_translate(Path fixture) throws Exception {
        JsonNode body = Json.parse(Files.readString(fixture)).path("body");
        Random random = new Random(fixture.getFileName().toString().hashCode());
        RequestTranslator translator = new RequestTranslator(new ThinkingSignatures(new byte[32]));
        int rejected = 0;
        for (int i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
            JsonNode mutated = mutate(body.deepCopy(), random);
            try {
                MessagesRequest request = RequestReader.read(mutated.toString().getBytes(), true);
                ChatRequestWriter.write(translator.translate(request, "m", 100));
            } catch (ApiException e) {
                assertThat(e.type()).as(mutated.toString()).isEqualTo(ErrorType.INVALID_REQUEST);
                assertThat(e.getMessage()).as("names what is wrong").containsPattern("[a-z_]+");
                rejected++;
            }
        }
        assertThat(rejected).as("the mutations do break requests").isPositive();
    }

    /** Replaces, removes or nulls one random node of the tree. */
    static JsonNode mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextBoolean()) {
                object.remove(name);
            } else {
                object.set(name, WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]);
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            int index = random.nextInt(array.size());
            if (random.nextBoolean()) {
                array.remove(index);
            } else {
                array.set(index, WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]);
            }
        }
        return root;
    }

    static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }
}
