package dev.localbridge.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** npm (or yarn, pnpm, bun): {@code package.json} scripts, bin, main and workspaces. */
final class NodeDetector implements BuildDetector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_TEST = "no test specified";

    @Override
    public Optional<BuildFacts> detect(Tree tree, String dir) {
        String file = Tree.join(dir, "package.json");
        Optional<JsonNode> parsed = tree.read(file).flatMap(NodeDetector::parse);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode pkg = parsed.get();
        String pm = packageManager(tree, dir);
        BuildFacts.Builder facts = BuildFacts.builder(pm, file).projectName(pkg.path("name").asText(""));
        facts.command("install", pm + " install", dir);
        JsonNode scripts = pkg.path("scripts");
        if (scripts.has("build")) {
            facts.command("build", pm + " run build", dir);
        }
        if (scripts.has("test") && !scripts.path("test").asText().contains(NO_TEST)) {
            facts.command("test", pm + " test", dir);
        }
        for (String run : List.of("start", "dev", "serve")) {
            if (scripts.has(run)) {
                facts.command("run", pm + (run.equals("start") ? " start" : " run " + run), dir);
            }
        }
        facts.targets(pm + " scripts (" + file + ")", names(scripts));
        entryPoints(pkg, dir, facts);
        List<String> workspaces = workspaces(pkg.path("workspaces"));
        if (!workspaces.isEmpty()) {
            facts.detail("workspaces: " + String.join(", ", workspaces));
        }
        if (tree.has(Tree.join(dir, "tsconfig.json"))) {
            facts.detail("TypeScript (tsconfig.json)");
        }
        return Optional.of(facts.build());
    }

    private static void entryPoints(JsonNode pkg, String dir, BuildFacts.Builder facts) {
        JsonNode bin = pkg.path("bin");
        if (bin.isTextual()) {
            String name = pkg.path("name").asText("bin").replaceFirst("^@[^/]+/", "");
            facts.entryPoint(EntryPoint.Kind.COMMAND, name, Tree.join(dir, clean(bin.asText())));
        }
        for (String name : names(bin)) {
            facts.entryPoint(EntryPoint.Kind.COMMAND, name, Tree.join(dir, clean(bin.path(name).asText())));
        }
        if (pkg.path("main").isTextual()) {
            String main = Tree.join(dir, clean(pkg.path("main").asText()));
            facts.entryPoint(EntryPoint.Kind.MAIN, main, "package.json main");
        }
    }

    private static List<String> workspaces(JsonNode node) {
        JsonNode list = node.isObject() ? node.path("packages") : node;
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.asText()));
        return names.stream().sorted().toList();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        if (object.isObject()) {
            object.fieldNames().forEachRemaining(names::add);
        }
        return names.stream().sorted().toList();
    }

    private static String clean(String path) {
        return path.replaceFirst("^\\./", "");
    }

    private static String packageManager(Tree tree, String dir) {
        if (tree.has(Tree.join(dir, "pnpm-lock.yaml"))) {
            return "pnpm";
        }
        if (tree.has(Tree.join(dir, "yarn.lock"))) {
            return "yarn";
        }
        if (tree.has(Tree.join(dir, "bun.lockb")) || tree.has(Tree.join(dir, "bun.lock"))) {
            return "bun";
        }
        return "npm";
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
