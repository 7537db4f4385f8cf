package dev.localbridge.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository far too big to list in full still gets a map within the budget, which says what it left out. */
class MapBudgetTest {
    static Repo large(Path root) {
        List<String> files = new ArrayList<>(List.of("pom.xml", "<project><artifactId>big</artifactId></project>",
                "mvnw*", "#!/bin/sh\n"));
        for (int i = 0; i < 300; i++) {
            String pkg = "com.example.part" + i;
            String dir = "src/main/java/" + pkg.replace('.', '/') + "/";
            String effect = i % 3 == 0 ? "import java.net.http.HttpClient;\n" : "import java.nio.file.Files;\n";
            for (int j = 0; j <= i % 4; j++) {
                files.addAll(List.of(dir + "Type" + j + ".java", "package " + pkg + ";\n" + effect
                        + "public class Type" + j + " {}\n"));
            }
            files.addAll(List.of("src/main/resources/conf" + i + ".properties", "a=b\n"));
            files.addAll(List.of("src/test/java/" + pkg.replace('.', '/') + "/Type0Test.java",
                    "package " + pkg + ";\nimport java.sql.Connection;\nclass Type0Test {}\n"));
        }
        for (int i = 0; i < 40; i++) {
            files.addAll(List.of("scripts/tool" + i + ".sh", "#!/bin/sh\n# Does task number " + i + " of many.\n"));
            files.addAll(List.of("dir" + i + "/notes.txt", "x\n"));
        }
        return new Repo(root).with(files.toArray(String[]::new));
    }

    @Test
    void a_large_repository_stays_within_the_budget_and_says_what_it_omitted(@TempDir Path root) {
        Repo repo = large(root);
        Repo.Run run = repo.map("--budget", "800");
        String map = repo.claudeMdText().strip();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Repo.tokens(map)).isLessThanOrEqualTo(800);
        assertThat(map).contains("_Trimmed to fit the 800-token budget: omitted test details, script descriptions,"
                + " the config file list");
        assertThat(map).containsPattern("- … and \\d+ more modules \\(smaller ones\\)");
        assertThat(map).contains("- build: `./mvnw package` (Maven)", "- test: `./mvnw test` (Maven)");
        assertThat(run.out()).contains("of 800 tokens; omitted ");
    }

    @Test
    void the_largest_modules_are_the_ones_kept(@TempDir Path root) {
        String map = large(root).section(800);
        List<String> kept = map.lines().filter(l -> l.startsWith("- `com.example.part")).toList();
        assertThat(kept).isNotEmpty().allSatisfy(line -> assertThat(line).endsWith("(4)"));
    }

    @Test
    void the_default_budget_holds_too_and_every_run_trims_the_same_way(@TempDir Path root) {
        Repo repo = large(root);
        String first = repo.section(MapGenerator.DEFAULT_BUDGET);
        assertThat(Repo.tokens(first)).isLessThanOrEqualTo(MapGenerator.DEFAULT_BUDGET);
        assertThat(first).contains("Trimmed to fit the 2000-token budget");
        assertThat(repo.section(MapGenerator.DEFAULT_BUDGET)).isEqualTo(first);
    }

    @Test
    void a_budget_too_small_for_any_list_is_met_by_cutting_lines(@TempDir Path root) {
        String map = large(root).section(MapGenerator.MIN_BUDGET);
        assertThat(Repo.tokens(map)).isLessThanOrEqualTo(MapGenerator.MIN_BUDGET);
        assertThat(map).startsWith(MapRenderer.BEGIN).endsWith("_Cut at the 100-token budget._\n" + MapRenderer.END);
    }

    @Test
    void a_small_repository_under_a_generous_budget_omits_nothing(@TempDir Path root) {
        String map = SampleRepositoriesTest.pythonCli(root).section(100_000);
        assertThat(map).doesNotContain("Trimmed", "… and");
    }

    @Test
    void a_budget_below_the_minimum_is_refused(@TempDir Path root) {
        Repo.Run run = SampleRepositoriesTest.pythonCli(root).map("--budget", "50");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("at least 100 tokens");
    }
}
