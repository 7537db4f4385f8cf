package dev.localbridge.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the scan reads: build output, dependencies and huge files are skipped; a capped scan says so. */
class TreeWalkTest {
    @Test
    void build_output_dependencies_caches_and_hidden_folders_are_skipped(@TempDir Path root) throws IOException {
        new Repo(root).with(
                "src/App.java", "class App {}",
                "target/classes/Gen.java", "class Gen {}",
                "node_modules/left-pad/index.js", "module.exports = 1",
                ".venv/lib/site.py", "", "__pycache__/x.py", "", ".idea/workspace.xml", "",
                ".github/workflows/ci.yml", "on: push", ".env.example", "A=1");
        Files.write(root.resolve("src/huge.json"), new byte[(int) Tree.MAX_FILE_BYTES + 1]);
        Files.createSymbolicLink(root.resolve("linked"), root.resolve("src"));
        Tree tree = Tree.walk(root, Tree.DEFAULT_MAX_FILES, Set.of());
        assertThat(tree.files()).containsExactly(".env.example", ".github/workflows/ci.yml", "src/App.java");
        assertThat(tree.largeFilesSkipped()).isEqualTo(1);
        assertThat(tree.capped()).isFalse();
        assertThat(new Repo(root).section(2000)).contains("_1 file over 1 MiB was skipped._");
    }

    @Test
    void a_capped_scan_keeps_the_shallowest_files_in_name_order_and_says_so(@TempDir Path root) {
        Repo repo = new Repo(root).with("b.py", "", "a.py", "", "deep/er/z.py", "", "deep/y.py", "", "c.py", "");
        Tree tree = Tree.walk(root, 4, Set.of());
        assertThat(tree.files()).containsExactly("a.py", "b.py", "c.py", "deep/y.py");
        assertThat(tree.capped()).isTrue();
        String map = repo.map("--max-files", "4", "--print").out();
        assertThat(map).contains("_The scan stopped at 4 files (breadth-first, in name order); deeper files are not"
                + " mapped._");
    }

    @Test
    void toml_reads_tables_arrays_and_comments() {
        JsonNode toml = TomlFiles.parse("""
                name = "top"
                [workspace]
                members = [
                    "core",  # the core
                    'cli',
                ]
                [[bin]]
                name = "a"
                [[bin]]
                name = "b" # second
                """);
        assertThat(TomlFiles.strings(TomlFiles.at(toml, "workspace.members"))).containsExactly("core", "cli");
        assertThat(toml.path("bin")).extracting(t -> t.path("name").asText()).containsExactly("a", "b");
        assertThat(toml.path("name").asText()).isEqualTo("top");
    }

    @Test
    void toml_that_is_not_valid_reads_as_empty() {
        assertThat(TomlFiles.parse("[package\nname = ").isEmpty()).isTrue();
    }

    @Test
    void make_targets_leave_out_files_patterns_and_variables() {
        assertThat(MakeDetector.targets(".PHONY: all\nall: build\nbuild test:\n\tx\nout/app: x\n%.o: %.c\nCC := gcc\n"
                + "X = y: z\n")).containsExactly("all", "build", "test");
    }
}
