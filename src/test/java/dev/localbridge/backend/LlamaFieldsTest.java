package dev.localbridge.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LlamaFieldsTest {
    static String add(String body, int slot, boolean progress) {
        return new String(LlamaFields.add(body.getBytes(StandardCharsets.UTF_8), slot, progress), StandardCharsets.UTF_8);
    }

    @Test
    void the_slot_and_the_progress_request_go_first_in_the_object() {
        assertThat(add("{\"model\":\"m\"}", 3, true)).isEqualTo("{\"id_slot\":3,\"return_progress\":true,\"model\":\"m\"}");
        assertThat(add("{\"model\":\"m\"}", 3, false)).isEqualTo("{\"id_slot\":3,\"model\":\"m\"}");
        assertThat(add("{\"model\":\"m\"}", -1, true)).isEqualTo("{\"return_progress\":true,\"model\":\"m\"}");
        assertThat(add("{}", -1, true)).isEqualTo("{\"return_progress\":true}");
    }

    @Test
    void nothing_to_add_leaves_the_body_as_it_is() {
        byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(LlamaFields.add(body, -1, false)).isSameAs(body);
    }
}
