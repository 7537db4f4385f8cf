package dev.localbridge.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramsTest {
    @TempDir
    Path dir;

    @Test
    void path_is_searched_in_order_and_skips_non_executables() throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Files.writeString(first.resolve("claude"), "not executable");
        Path second = Files.createDirectory(dir.resolve("second"));
        Path claude = Files.writeString(second.resolve("claude"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwx------"));

        assertThat(Programs.onPath("claude", first + ":" + second)).contains(claude);
    }

    @Test
    void the_checkout_is_found_from_the_classes_so_its_scripts_can_be_used() {
        assertThat(Programs.checkout()).hasValueSatisfying(root ->
                assertThat(root.resolve("scripts/llama-server")).isExecutable());
    }
}
