package dev.localbridge.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rust: {@code Cargo.toml}, its workspace members and its binaries ({@code src/main.rs}, {@code src/bin},
 * {@code [[bin]]}).
 */
final class RustDetector implements BuildDetector {
    @Override
    public Optional<BuildFacts> detect(Tree tree, String dir) {
        String file = Tree.join(dir, "Cargo.toml");
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonNode toml = TomlFiles.parse(text.get());
        String name = TomlFiles.text(toml, "package", "name");
        BuildFacts.Builder facts = BuildFacts.builder("Cargo", file).projectName(name)
                .command("build", "cargo build", dir)
                .command("test", "cargo test", dir);
        List<String> members = TomlFiles.strings(TomlFiles.at(toml, "workspace.members"));
        if (!members.isEmpty()) {
            facts.detail("workspace members: " + String.join(", ", members));
        }
        Map<String, String> binaries = binaries(tree, dir, name, toml);
        binaries.forEach((bin, path) -> facts.entryPoint(EntryPoint.Kind.MAIN, bin, path));
        if (binaries.size() == 1) {
            facts.command("run", "cargo run", dir);
        } else {
            binaries.keySet().forEach(bin -> facts.command("run", "cargo run --bin " + bin, dir));
        }
        return Optional.of(facts.build());
    }

    /** Binary names with their source files. */
    private static Map<String, String> binaries(Tree tree, String dir, String name, JsonNode toml) {
        Map<String, String> binaries = new TreeMap<>();
        String main = Tree.join(dir, "src/main.rs");
        if (tree.has(main) && !name.isEmpty()) {
            binaries.put(name, main);
        }
        String bins = Tree.join(dir, "src/bin");
        for (String file : tree.filesIn(bins)) {
            if (file.endsWith(".rs")) {
                String stem = Tree.fileName(file);
                binaries.put(stem.substring(0, stem.length() - 3), file);
            }
        }
        for (String sub : tree.dirsIn(bins)) {
            if (tree.has(sub + "/main.rs")) {
                binaries.put(Tree.fileName(sub), sub + "/main.rs");
            }
        }
        for (JsonNode bin : toml.path("bin")) {
            String binName = bin.path("name").asText("");
            if (!binName.isEmpty()) {
                String path = bin.path("path").asText("src/bin/" + binName + ".rs");
                binaries.put(binName, Tree.join(dir, path));
            }
        }
        return binaries;
    }
}
