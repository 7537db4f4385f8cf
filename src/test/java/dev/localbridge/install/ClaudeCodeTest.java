package dev.localbridge.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCodeTest {
    @TempDir
    Path dir;

    Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void an_explicit_path_that_is_not_executable_is_reported_not_skipped() throws IOException {
        executable(dir.resolve("bin/claude"));

        assertThat(ClaudeCode.find(dir.resolve("missing").toString(), Map.of("PATH", dir.resolve("bin").toString())))
                .isInstanceOfSatisfying(ClaudeCode.Located.Invalid.class, invalid ->
                        assertThat(invalid.reason()).contains("--claude").contains("missing"));
    }

    @Test
    void the_option_wins_over_the_variable_which_wins_over_path_which_wins_over_the_pinned_install()
            throws IOException {
        Path option = executable(dir.resolve("option/claude"));
        Path variable = executable(dir.resolve("variable/claude"));
        Path onPath = executable(dir.resolve("bin/claude"));
        Path pinned = executable(dir.resolve("cache/claude-code-2.1.328/node_modules/.bin/claude"));
        Map<String, String> all = Map.of(ClaudeCode.OVERRIDE, variable.toString(), "PATH",
                dir.resolve("bin").toString(), "LOCALBRIDGE_CACHE", dir.resolve("cache").toString());

        assertThat(ClaudeCode.find(option.toString(), all)).isEqualTo(new ClaudeCode.Located.Found(option, "--claude"));
        assertThat(ClaudeCode.find(null, all)).isEqualTo(new ClaudeCode.Located.Found(variable, ClaudeCode.OVERRIDE));
        assertThat(ClaudeCode.find(null, Map.of("PATH", dir.resolve("bin").toString(), "LOCALBRIDGE_CACHE",
                dir.resolve("cache").toString()))).isEqualTo(new ClaudeCode.Located.Found(onPath, "claude on PATH"));
        assertThat(ClaudeCode.find(null, Map.of("PATH", "/nonexistent", "LOCALBRIDGE_CACHE",
                dir.resolve("cache").toString()))).isEqualTo(new ClaudeCode.Located.Found(pinned, "the pinned install"));
    }

    @Test
    void nothing_found_says_where_it_looked() {
        assertThat(ClaudeCode.find(null, Map.of("PATH", "/nonexistent", "LOCALBRIDGE_CACHE", dir.toString())))
                .isEqualTo(new ClaudeCode.Located.Missing("looked at claude on PATH, the pinned install in " + dir));
    }
}
