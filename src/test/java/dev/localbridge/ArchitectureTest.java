package dev.localbridge;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The layering of ARCHITECTURE.md, enforced on the compiled classes: each package may use only the project
 * packages listed for it (and any library), the packages form no cycle, and the translation core does no I/O.
 */
class ArchitectureTest {
    static final String ROOT = "dev.localbridge";

    /** Package → the other project packages it may import. Keep in step with ARCHITECTURE.md. */
    static final Map<String, List<String>> MAY_IMPORT = allowed();

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    private static Map<String, List<String>> allowed() {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        rules.put("error", List.of());
        rules.put("json", List.of());
        rules.put("config", List.of("error"));
        rules.put("install", List.of("error"));
        rules.put("anthropic", List.of("json", "error"));
        rules.put("openai", List.of("json", "error"));
        rules.put("translate", List.of("anthropic", "openai", "json", "error"));
        rules.put("observability", List.of("anthropic", "error"));
        rules.put("budget", List.of("openai", "error"));
        rules.put("routing", List.of("anthropic", "openai", "config", "error"));
        rules.put("backend", List.of("openai", "budget", "routing", "config", "observability", "error"));
        rules.put("server", List.of("backend", "routing", "translate", "anthropic", "openai", "json", "budget",
                "observability", "config", "error"));
        rules.put("stack", List.of("server", "backend", "install", "config", "error"));
        rules.put("diagnose", List.of("backend", "install", "config", "error"));
        rules.put("bench", List.of("backend", "translate", "anthropic", "openai", "json", "budget", "config", "error"));
        rules.put("map", List.of("config", "error"));
        rules.put("top", List.of("openai"));
        rules.put("cli", List.of("server", "stack", "diagnose", "bench", "map", "top", "backend", "translate",
                "anthropic", "openai", "json", "budget", "observability", "install", "config", "error"));
        return rules;
    }

    @TestFactory
    Stream<DynamicTest> each_package_imports_only_the_packages_below_it() {
        return MAY_IMPORT.entrySet().stream().map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
            String[] permitted = Stream.concat(Stream.of(rule.getKey()), rule.getValue().stream())
                    .map(name -> ROOT + "." + name + "..").toArray(String[]::new);
            classes().that().resideInAPackage(ROOT + "." + rule.getKey() + "..")
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                            .or(resideInAnyPackage(permitted)))
                    .allowEmptyShould(true)
                    .because("ARCHITECTURE.md: " + rule.getKey() + " may import " + rule.getValue())
                    .check(MAIN);
        }));
    }

    @Test
    void every_package_has_a_place_in_the_layering() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass type : MAIN) {
            String name = type.getPackageName();
            if (name.startsWith(ROOT + ".")) {
                packages.add(name.substring(ROOT.length() + 1).split("\\.")[0]);
            }
        }
        assertThat(MAY_IMPORT.keySet()).as("add a new package to ArchitectureTest and ARCHITECTURE.md")
                .containsAll(packages);
    }

    @Test
    void packages_form_no_cycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void the_translation_core_does_no_io_and_knows_no_vertx() {
        noClasses().that().resideInAPackage(ROOT + ".translate..")
                .should().dependOnClassesThat(resideInAnyPackage("io.vertx..", "io.netty..", "java.net..",
                        "java.nio.file..", "java.nio.channels..")
                        .or(resideInAPackage("java.io").and(JavaClass.Predicates.simpleNameStartingWith("File"))))
                .check(MAIN);
    }
}
