package dev.localbridge.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python: {@code pyproject.toml}, {@code setup.py}, {@code setup.cfg} or {@code requirements.txt}; console
 * scripts; pytest when tests exist and pytest is configured or required, else unittest.
 */
final class PythonDetector implements BuildDetector {
    private static final List<String> FILES = List.of("pyproject.toml", "setup.py", "setup.cfg", "requirements.txt");
    private static final Pattern SCRIPT_SPEC = Pattern.compile("['\"]?([\\w.-]+)\\s*=\\s*([\\w.]+:[\\w.]+)['\"]?");
    private static final Pattern SETUP_NAME = Pattern.compile("\\bname\\s*=\\s*['\"]([^'\"]+)['\"]");

    @Override
    public Optional<BuildFacts> detect(Tree tree, String dir) {
        Optional<String> file = FILES.stream().map(f -> Tree.join(dir, f)).filter(tree::has).findFirst();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String pyproject = tree.read(Tree.join(dir, "pyproject.toml")).orElse("");
        String setupPy = tree.read(Tree.join(dir, "setup.py")).orElse("");
        String setupCfg = tree.read(Tree.join(dir, "setup.cfg")).orElse("");
        JsonNode toml = TomlFiles.parse(pyproject);
        String runner = runner(tree, dir, toml);
        BuildFacts.Builder facts = BuildFacts.builder("Python", file.get()).projectName(projectName(toml, setupPy));
        install(tree, dir, runner, facts);
        test(tree, dir, runner, pyproject + setupPy + setupCfg, facts);
        consoleScripts(toml, setupPy, setupCfg).forEach((name, target) ->
                facts.entryPoint(EntryPoint.Kind.COMMAND, name, target));
        String backend = TomlFiles.text(toml, "build-system", "build-backend");
        if (!backend.isEmpty()) {
            facts.detail("build backend " + backend);
        }
        return Optional.of(facts.build());
    }

    private static void install(Tree tree, String dir, String runner, BuildFacts.Builder facts) {
        if (runner.equals("poetry")) {
            facts.command("install", "poetry install", dir);
        } else if (runner.equals("uv")) {
            facts.command("install", "uv sync", dir);
        } else if (tree.has(Tree.join(dir, "pyproject.toml")) || tree.has(Tree.join(dir, "setup.py"))) {
            facts.command("install", "pip install -e .", dir);
        }
        if (tree.has(Tree.join(dir, "requirements.txt"))) {
            facts.command("install", "pip install -r requirements.txt", dir);
        }
    }

    private static void test(Tree tree, String dir, String runner, String buildText, BuildFacts.Builder facts) {
        String prefix = runner.isEmpty() ? "" : runner + " run ";
        List<String> files = tree.files().stream().filter(f -> dir.isEmpty() || f.startsWith(dir + "/")).toList();
        boolean tests = tree.has(Tree.join(dir, "tests")) || tree.has(Tree.join(dir, "test"))
                || files.stream().anyMatch(f -> f.endsWith(".py") && SourceScanner.isTest(f));
        boolean pytest = buildText.contains("pytest") || tree.has(Tree.join(dir, "pytest.ini"))
                || files.stream().anyMatch(f -> Tree.fileName(f).equals("conftest.py"))
                || requirements(tree, dir).contains("pytest")
                || tree.read(Tree.join(dir, "tox.ini")).orElse("").contains("pytest");
        if (tests) {
            facts.command("test", pytest ? prefix + "pytest" : prefix + "python -m unittest discover", dir);
        }
    }

    private static String requirements(Tree tree, String dir) {
        StringBuilder text = new StringBuilder();
        for (String file : tree.filesIn(dir)) {
            String name = Tree.fileName(file);
            if (name.startsWith("requirements") && name.endsWith(".txt")) {
                text.append(tree.read(file).orElse("")).append('\n');
            }
        }
        return text.toString();
    }

    /** Console scripts by name, each with its {@code module:function}. */
    private static Map<String, String> consoleScripts(JsonNode toml, String setupPy, String setupCfg) {
        Map<String, String> scripts = new TreeMap<>();
        for (String table : List.of("project.scripts", "tool.poetry.scripts")) {
            TomlFiles.at(toml, table).properties().forEach(script -> {
                if (script.getValue().isTextual()) {
                    scripts.put(script.getKey(), script.getValue().textValue());
                }
            });
        }
        String block = after(setupPy, "console_scripts").split("]", 2)[0] + "\n"
                + indentedBlock(after(setupCfg, "console_scripts"));
        Matcher spec = SCRIPT_SPEC.matcher(block);
        while (spec.find()) {
            scripts.put(spec.group(1), spec.group(2));
        }
        return scripts;
    }

    private static String after(String text, String marker) {
        int at = text.indexOf(marker);
        return at < 0 ? "" : text.substring(at + marker.length());
    }

    /** The indented lines that follow the first line, as under {@code console_scripts =} in a setup.cfg. */
    private static String indentedBlock(String rest) {
        List<String> lines = new ArrayList<>();
        String[] all = rest.split("\\R");
        for (int i = 1; i < all.length && (all[i].isBlank() || Character.isWhitespace(all[i].charAt(0))); i++) {
            lines.add(all[i]);
        }
        return String.join("\n", lines);
    }

    private static String projectName(JsonNode toml, String setupPy) {
        for (String table : List.of("project", "tool.poetry")) {
            String name = TomlFiles.text(toml, table, "name");
            if (!name.isEmpty()) {
                return name;
            }
        }
        Matcher name = SETUP_NAME.matcher(setupPy);
        return name.find() ? name.group(1) : "";
    }

    /** {@code poetry} or {@code uv} when the project uses one, else empty (plain pip). */
    private static String runner(Tree tree, String dir, JsonNode toml) {
        if (tree.has(Tree.join(dir, "poetry.lock")) || !TomlFiles.at(toml, "tool.poetry").isEmpty()) {
            return "poetry";
        }
        return tree.has(Tree.join(dir, "uv.lock")) ? "uv" : "";
    }
}
