package dev.localbridge.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map of Local Bridge itself (surefire runs in the project root), written to a temporary file. */
class ThisRepositoryMapTest {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static String map;
    static Repo.Run run;

    @BeforeAll
    static void mapThisRepository(@TempDir Path out) throws IOException {
        Path file = out.resolve("CLAUDE.md");
        run = Repo.run(PROJECT.toString(), "--output", file.toString());
        map = Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void names_the_maven_build_and_the_wrapper_commands() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(map).contains("- Build: Maven (pom.xml)");
        assertThat(map).contains("- build: `./mvnw package` (Maven)", "- test: `./mvnw test` (Maven)");
        assertThat(map).contains("- test: `./run-tests` (script)");
    }

    @Test
    void names_the_main_class_from_the_pom_and_the_picocli_commands() {
        assertThat(Repo.line(map, "- main:")).contains("`dev.localbridge.cli.Main` (pom.xml)");
        assertThat(Repo.line(map, "- CLI:")).contains("`dev.localbridge.cli.ServeCommand` (picocli)");
        assertThat(Repo.line(map, "- server:")).contains("`dev.localbridge.server.ServerLoops` (ServerSocket; Vert.x)");
    }

    @Test
    void lists_the_java_packages_with_their_file_counts() throws IOException {
        assertThat(map).contains("Java packages in `src/main/java/` (files):");
        for (String pkg : List.of("dev.localbridge.server", "dev.localbridge.translate", "dev.localbridge.cli")) {
            assertThat(map).contains("- `" + pkg + "` (" + javaFilesIn("src/main/java/" + pkg.replace('.', '/')) + ")");
        }
        assertThat(Repo.line(map, "- Tests:")).contains("`src/test/`");
    }

    @Test
    void finds_network_side_effects_in_the_backend_client_and_the_server() {
        assertThat(Repo.line(map, "- network:")).contains("`dev.localbridge.backend`", "`dev.localbridge.server`");
    }

    @Test
    void finds_process_side_effects_wherever_a_process_builder_is_used() throws IOException {
        String call = "new Process" + "Builder("; // split, so that this file does not count itself
        Set<String> main = packagesUsing("src/main/java", call);
        Set<String> tests = packagesUsing("src/test/java", call);
        String processes = Repo.line(map, "- processes:");
        String inCode = processes.contains("tests:") ? processes.substring(0, processes.indexOf("tests:")) : processes;
        main.forEach(pkg -> assertThat(inCode).contains("`" + pkg + "`"));
        tests.forEach(pkg -> assertThat(processes.substring(processes.indexOf("tests:"))).contains("`" + pkg + "`"));
        assertThat(main.isEmpty() && tests.isEmpty()).as("this repository starts processes somewhere").isFalse();
    }

    @Test
    void lists_the_launcher_scripts_and_ci() {
        assertThat(map).contains("- script: `scripts/llama-server`", "- script: `localbridge`");
        assertThat(map).contains("- CI: `.ci/run`");
        assertThat(Repo.line(map, "- `src/`")).contains("source", "Java");
    }

    @Test
    void fits_the_default_budget() {
        String section = map.strip();
        assertThat(Repo.tokens(section)).isLessThanOrEqualTo(MapGenerator.DEFAULT_BUDGET);
        assertThat(section).startsWith(MapRenderer.BEGIN).endsWith(MapRenderer.END);
        assertThat(run.out()).contains("of 2000 tokens");
    }

    private static long javaFilesIn(String dir) throws IOException {
        try (Stream<Path> files = Files.list(PROJECT.resolve(dir))) {
            return files.filter(f -> f.toString().endsWith(".java")).count();
        }
    }

    /** Packages (by directory) with a Java file containing {@code text}: an independent, plain-text oracle. */
    private static Set<String> packagesUsing(String root, String text) throws IOException {
        Path base = PROJECT.resolve(root);
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains(text)) {
                    packages.add(base.relativize(file.getParent()).toString().replace('/', '.'));
                }
            }
        }
        return packages;
    }
}
