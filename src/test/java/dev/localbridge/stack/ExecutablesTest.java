package dev.localbridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {
    @TempDir
    Path dir;

    Path executable(String name) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void an_explicit_path_wins_over_the_environment_and_path() throws IOException {
        Path explicit = executable("my-llama");
        Path fromEnv = executable("env-llama");
        executable("llama-server");

        assertThat(Executables.llamaServer(explicit.toString(),
                Map.of("LOCALBRIDGE_LLAMA_SERVER", fromEnv.toString(), "PATH", dir.toString()))).isEqualTo(explicit);
    }

    @Test
    void the_environment_variable_wins_over_path() throws IOException {
        Path fromEnv = executable("env-llama");
        executable("llama-server");

        assertThat(Executables.llamaServer(null, Map.of("LOCALBRIDGE_LLAMA_SERVER", fromEnv.toString(),
                "PATH", dir.toString()))).isEqualTo(fromEnv);
    }
}
