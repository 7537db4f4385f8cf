package dev.localbridge.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map owns only its own section of CLAUDE.md: everything a person wrote stays byte for byte. */
class ClaudeMdUpdateTest {
    static final String BEFORE = "# Orders API\r\n\r\nNotes I wrote myself: ünïcödé, tabs\tand CRLF.\r\n\r\n";
    static final String AFTER = "\r\n## More of my notes\r\n\r\nNo trailing newline";

    @Test
    void a_missing_file_is_created_with_the_section_alone(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.typescriptServer(root);
        Repo.Run run = repo.map();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Wrote the map to " + repo.claudeMd());
        assertThat(repo.claudeMdText()).startsWith(MapRenderer.BEGIN + "\n").endsWith(MapRenderer.END + "\n");
    }

    @Test
    void running_twice_changes_no_byte(@TempDir Path root) throws IOException {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        repo.map();
        byte[] first = repo.claudeMdBytes();
        FileTime written = Files.getLastModifiedTime(repo.claudeMd());
        Files.setLastModifiedTime(repo.claudeMd(), FileTime.fromMillis(written.toMillis() - 60_000));
        Repo.Run second = repo.map();
        assertThat(second.out()).contains("is already up to date");
        assertThat(repo.claudeMdBytes()).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(repo.claudeMd()).toMillis()).isEqualTo(written.toMillis() - 60_000);
    }

    @Test
    void the_same_tree_in_another_place_gives_the_same_bytes(@TempDir Path one, @TempDir Path two) {
        Repo first = SampleRepositoriesTest.typescriptServer(one);
        Repo second = SampleRepositoriesTest.typescriptServer(two);
        first.map();
        second.map();
        assertThat(second.claudeMdBytes()).isEqualTo(first.claudeMdBytes());
    }

    @Test
    void a_file_without_markers_gets_the_section_appended_after_its_text(@TempDir Path root) throws IOException {
        Repo repo = SampleRepositoriesTest.pythonCli(root).with("CLAUDE.md", "# Notes\nKeep me.");
        repo.map();
        String text = repo.claudeMdText();
        assertThat(text).startsWith("# Notes\nKeep me.\n\n" + MapRenderer.BEGIN + "\n");
        assertThat(text).endsWith(MapRenderer.END + "\n");
        byte[] once = repo.claudeMdBytes();
        repo.map();
        assertThat(repo.claudeMdBytes()).isEqualTo(once);
    }

    @Test
    void text_before_and_after_the_markers_survives_and_only_the_section_changes(@TempDir Path root)
            throws IOException {
        Repo repo = SampleRepositoriesTest.pythonCli(root).with("CLAUDE.md",
                BEFORE + MapRenderer.BEGIN + "\nstale map\n" + MapRenderer.END + AFTER);
        repo.map();
        String first = repo.claudeMdText();
        assertThat(first).startsWith(BEFORE + MapRenderer.BEGIN + "\n## Repository map")
                .endsWith(MapRenderer.END + AFTER);
        assertThat(first).doesNotContain("stale map").doesNotContain("`inventory.billing`");

        repo.with("src/inventory/billing/__init__.py", "", "src/inventory/billing/invoice.py", "import requests\n");
        repo.map();
        String second = repo.claudeMdText();
        assertThat(second).startsWith(BEFORE + MapRenderer.BEGIN).endsWith(MapRenderer.END + AFTER);
        assertThat(second).contains("- `inventory.billing` (2)", "- network: `inventory.billing`");
        assertThat(section(second)).isNotEqualTo(section(first));
    }

    @Test
    void bytes_outside_the_section_are_kept_exactly_even_when_not_utf8(@TempDir Path root) throws IOException {
        Repo repo = SampleRepositoriesTest.pythonCli(root);
        byte[] latin1 = "caf\u00e9 notes\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] markers = (MapRenderer.BEGIN + "\n" + MapRenderer.END + "\n").getBytes(StandardCharsets.US_ASCII);
        Files.write(repo.claudeMd(), concat(latin1, markers, latin1));
        repo.map();
        byte[] after = repo.claudeMdBytes();
        assertThat(Arrays.copyOfRange(after, 0, latin1.length)).isEqualTo(latin1);
        assertThat(Arrays.copyOfRange(after, after.length - latin1.length - 1, after.length))
                .isEqualTo(concat("\n".getBytes(StandardCharsets.US_ASCII), latin1));
    }

    @Test
    void a_begin_marker_without_an_end_marker_is_an_error_and_nothing_is_written(@TempDir Path root) {
        Repo repo = SampleRepositoriesTest.pythonCli(root)
                .with("CLAUDE.md", "notes\n" + MapRenderer.BEGIN + "\nhalf\n");
        byte[] before = repo.claudeMdBytes();
        Repo.Run run = repo.map();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no " + MapRenderer.END);
        assertThat(repo.claudeMdBytes()).isEqualTo(before);
    }

    @Test
    void markers_quoted_mid_line_are_not_taken_for_the_section(@TempDir Path root) {
        String quoted = "Docs mention `" + MapRenderer.BEGIN + "` and `" + MapRenderer.END + "` inline.\n";
        Repo repo = SampleRepositoriesTest.pythonCli(root).with("CLAUDE.md", quoted);
        repo.map();
        assertThat(repo.claudeMdText()).startsWith(quoted + "\n" + MapRenderer.BEGIN + "\n");
    }

    private static String section(String text) {
        return text.substring(text.indexOf(MapRenderer.BEGIN), text.indexOf(MapRenderer.END));
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
