package dev.localbridge.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: --check, --print, --output, --help. */
class MapCommandTest {
    @Test
    void check_fails_while_there_is_no_map_and_writes_nothing(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        Repo.Run run = repo.map("--check");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is out of date: run `localbridge map`");
        assertThat(repo.claudeMd()).doesNotExist();
    }

    @Test
    void check_passes_once_the_map_is_written(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        repo.map();
        Repo.Run run = repo.map("--check");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("is up to date");
    }

    @Test
    void check_fails_again_when_the_code_changes_and_leaves_the_file_alone(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        repo.map();
        byte[] written = repo.claudeMdBytes();
        repo.with("src/inventory/web.py", "from flask import Flask\napp = Flask(__name__)\n");
        assertThat(repo.map("--check").exitCode()).isEqualTo(1);
        assertThat(repo.claudeMdBytes()).isEqualTo(written);
        assertThat(repo.map().exitCode()).isZero();
        assertThat(repo.claudeMdText()).contains("- server: `src/inventory/web.py` (Flask)");
        assertThat(repo.map("--check").exitCode()).isZero();
    }

    @Test
    void check_fails_when_a_person_edits_the_generated_section(@TempDir Path root) throws IOException {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        repo.map();
        Files.writeString(repo.claudeMd(), repo.claudeMdText().replace("pytest", "nose"));
        assertThat(repo.map("--check").exitCode()).isEqualTo(1);
    }

    @Test
    void print_shows_the_section_and_writes_nothing(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.typescriptServer(root);
        Repo.Run run = repo.map("--print");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith(MapRenderer.BEGIN).contains("- server: `src/index.ts` (Express)");
        assertThat(repo.claudeMd()).doesNotExist();
    }

    @Test
    void output_names_another_file_which_the_map_then_leaves_out_of_itself(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        Path elsewhere = root.resolve("docs/AGENTS.md");
        assertThat(repo.map("--output", elsewhere.toString()).exitCode()).isZero();
        assertThat(elsewhere).exists();
        String first = read(elsewhere);
        Repo.Run again = repo.map("--output", elsewhere.toString());
        assertThat(again.out()).contains("is already up to date");
        assertThat(read(elsewhere)).isEqualTo(first).doesNotContain("docs/", "AGENTS.md");
        assertThat(repo.claudeMd()).doesNotExist();
    }

    @Test
    void a_missing_directory_is_an_error(@TempDir Path root) {
        Repo.Run run = Repo.run(root.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a directory");
    }

    @Test
    void help_shows_examples_and_the_shared_options() {
        Repo.Run run = Repo.run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Examples:", "localbridge map --check", "--budget=TOKENS", "--llm",
                "--backend=", "--port=", "Exit status:");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
