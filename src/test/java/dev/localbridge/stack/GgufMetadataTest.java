package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.testing.ExternalTools;
import dev.localbridge.testing.GgufFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufMetadataTest {
    @TempDir
    Path dir;

    @Test
    void reads_the_tiny_models_architecture_name_and_training_context() throws IOException {
        GgufMetadata tiny = GgufMetadata.read(ExternalTools.tinyModel());

        assertThat(tiny).isEqualTo(new GgufMetadata("llama", "LLaMA v2", 4096, null));
    }

    @Test
    void reads_the_context_after_skipping_arrays_and_floats_and_ignores_the_files_size() throws IOException {
        Path file = GgufFiles.write(dir.resolve("big.gguf"), "gemma4", 262_144, "model", 17_000_000_000L);

        assertThat(Files.size(file)).isEqualTo(17_000_000_000L);
        assertThat(GgufMetadata.read(file)).isEqualTo(new GgufMetadata("gemma4", "big.gguf", 262_144, "model"));
    }

    @Test
    void a_patched_copy_of_the_tiny_model_says_its_new_context() throws IOException {
        Path copy = GgufFiles.withContextLength(ExternalTools.tinyModel(), dir.resolve("tiny-32k.gguf"), 32768);

        assertThat(GgufMetadata.read(copy).contextLength()).isEqualTo(32768);
    }

    @Test
    void a_file_that_is_not_gguf_says_so() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "hello, these are not weights");

        assertThatThrownBy(() -> GgufMetadata.read(text)).isInstanceOf(IOException.class)
                .hasMessage("not a GGUF file");
    }

    @Test
    void a_header_cut_short_says_where_it_ends() throws IOException {
        byte[] tiny = Files.readAllBytes(ExternalTools.tinyModel());
        Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(tiny, 100));

        assertThatThrownBy(() -> GgufMetadata.read(cut)).isInstanceOf(IOException.class)
                .hasMessage(cut + " ends inside its GGUF header");
    }

    @Test
    void an_implausible_string_length_is_refused_without_allocating_it() throws IOException {
        byte[] tiny = Files.readAllBytes(ExternalTools.tinyModel());
        // the first key's length (uint64 at offset 24) claims 2^62 bytes
        tiny[31] = 0x40;
        Path bad = Files.write(dir.resolve("bad.gguf"), tiny);

        assertThatThrownBy(() -> GgufMetadata.read(bad)).isInstanceOf(IOException.class)
                .hasMessageContaining("is longer than");
    }
}
