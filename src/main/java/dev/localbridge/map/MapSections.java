package dev.localbridge.map;

import dev.localbridge.map.MapRenderer.Shown;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The sections of the map, each rendered at one {@link Detail}; a section with nothing to say is left out. */
final class MapSections {
    private static final List<String> KEEP_FIRST = List.of("test", "build", "run", "install");

    private final RepoMap map;
    private final Detail detail;

    MapSections(RepoMap map, Detail detail) {
        this.map = map;
        this.detail = detail;
    }

    void overview(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        if (!map.project().isEmpty()) {
            lines.add("- Project: `" + map.project() + "`");
        }
        if (!map.buildSystems().isEmpty()) {
            lines.add("- Build: " + shown(map.buildSystems()).join(s -> s, " · "));
        }
        if (!map.languages().isEmpty()) {
            lines.add("- Languages: " + languages(map.languages()));
        }
        block(out, "", lines);
    }

    void commands(StringBuilder out) {
        Comparator<BuildCommand> importance = Comparator.comparingInt(c -> KEEP_FIRST.indexOf(c.purpose()));
        Shown<BuildCommand> commands = Shown.of(map.commands(), detail.cap(), importance);
        List<String> lines = new ArrayList<>(commands.items().stream()
                .map(c -> "- " + c.purpose() + ": `" + c.line() + "` (" + c.source() + ")").toList());
        if (commands.omitted() > 0) {
            lines.add("- … and " + commands.omitted() + " more commands");
        }
        if (detail.shows(Detail.Part.TARGETS)) {
            map.targets().forEach(t -> lines.add("- " + t.label() + ": " + shown(t.names()).join(n -> n, ", ")));
        }
        block(out, "Build and test", lines);
    }

    void entryPoints(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        for (EntryPoint.Kind kind : EntryPoint.Kind.values()) {
            List<EntryPoint> ofKind = map.entryPoints().stream().filter(e -> e.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            if (kind == EntryPoint.Kind.SCRIPT) {
                Shown<EntryPoint> scripts = shown(ofKind);
                scripts.items().forEach(e -> lines.add("- script: `" + e.name() + "`" + scriptNote(e)));
                if (scripts.omitted() > 0) {
                    lines.add("- … and " + scripts.omitted() + " more scripts");
                }
            } else {
                lines.add("- " + kind.label() + ": " + shown(ofKind).join(MapSections::entry, ", "));
            }
        }
        block(out, "Entry points", lines);
    }

    void topDirs(StringBuilder out) {
        Shown<RepoMap.TopDir> dirs = Shown.of(map.topDirs(), detail.cap(),
                Comparator.comparingInt(RepoMap.TopDir::files).reversed());
        List<String> lines = new ArrayList<>(dirs.items().stream().map(MapSections::topDir).toList());
        if (dirs.omitted() > 0) {
            lines.add("- … and " + dirs.omitted() + " more directories");
        }
        block(out, "Top-level directories", lines);
    }

    void modules(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        Shown<Module> shown = Shown.of(map.modules(), detail.cap(),
                Comparator.comparingInt(Module::files).reversed().thenComparing(Module::name));
        for (Language language : Language.values()) {
            List<Module> group = shown.items().stream().filter(m -> m.language() == language).toList();
            if (!group.isEmpty()) {
                List<String> roots = group.stream().map(Module::sourceRoot).distinct().toList();
                String commonRoot = roots.size() == 1 ? roots.getFirst() : "";
                lines.add(heading(language, commonRoot));
                group.forEach(m -> lines.add(module(m, commonRoot, detail.shows(Detail.Part.SUMMARIES))));
            }
        }
        if (shown.omitted() > 0) {
            lines.add("- … and " + shown.omitted() + " more modules (smaller ones)");
        }
        tests(lines);
        block(out, "Modules", lines);
    }

    void sideEffects(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        for (RepoMap.SideEffect effect : map.sideEffects()) {
            List<String> parts = new ArrayList<>();
            if (!effect.code().isEmpty()) {
                parts.add(shown(effect.code()).join(MapSections::code, ", "));
            }
            if (!effect.tests().isEmpty() && detail.shows(Detail.Part.TEST_DETAIL)) {
                parts.add("tests: " + shown(effect.tests()).join(MapSections::code, ", "));
            }
            if (!parts.isEmpty()) {
                lines.add("- " + effect.effect().label() + ": " + String.join("; ", parts));
            }
        }
        block(out, "Side effects", lines);
    }

    void configFiles(StringBuilder out) {
        List<String> files = map.configFiles();
        if (files.isEmpty()) {
            return;
        }
        String line = detail.shows(Detail.Part.CONFIG_FILES) ? "- " + shown(files).join(MapSections::code, ", ")
                : "- " + files.size() + " files (*.properties, *.yaml, *.toml, *.ini, application.*, .env.example)";
        block(out, "Config files", List.of(line));
    }

    void ciAndContainers(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        boolean full = detail.shows(Detail.Part.CI_DETAIL);
        if (!map.ciFiles().isEmpty()) {
            lines.add("- CI: " + (full ? shown(map.ciFiles()).join(MapSections::code, ", ")
                    : map.ciFiles().size() + " files"));
        }
        if (!map.containers().isEmpty()) {
            lines.add("- containers: " + (full ? shown(map.containers()).join(s -> s, ", ")
                    : map.containers().size() + " files"));
        }
        block(out, "CI and containers", lines);
    }

    void notes(StringBuilder out, int budget) {
        List<String> lines = new ArrayList<>(map.notes().stream().map(n -> "_" + n + "_").toList());
        if (!detail.omissions().isEmpty()) {
            lines.add("_Trimmed to fit the " + budget + "-token budget: omitted " + detail.omissions() + "._");
        }
        if (!lines.isEmpty()) {
            out.append('\n').append(String.join("\n", lines)).append('\n');
        }
    }

    private void tests(List<String> lines) {
        if (map.tests().isEmpty()) {
            return;
        }
        if (!detail.shows(Detail.Part.TEST_DETAIL)) {
            lines.add("- Tests: " + map.tests().stream().mapToInt(RepoMap.TestRoot::files).sum() + " files");
            return;
        }
        lines.add("- Tests: " + shown(map.tests()).join(t -> (t.root().isEmpty() ? "beside the code"
                : "`" + t.root() + "/`") + " (" + languages(t.languages()) + ")", ", "));
    }

    private String scriptNote(EntryPoint script) {
        return script.detail().isEmpty() || !detail.shows(Detail.Part.SCRIPT_NOTES) ? "" : " — " + script.detail();
    }

    private <T> Shown<T> shown(List<T> all) {
        return Shown.first(all, detail.cap());
    }

    private static void block(StringBuilder out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append('\n');
        if (!title.isEmpty()) {
            out.append("### ").append(title).append("\n");
        }
        lines.forEach(line -> out.append(line).append('\n'));
    }

    private static String heading(Language language, String root) {
        String kind = switch (language) {
            case JAVA, KOTLIN -> language.label() + " packages";
            case PYTHON -> "Python packages";
            case GO -> "Go packages";
            case TYPESCRIPT, JAVASCRIPT, RUST, SHELL, RUBY, C, CPP, CSHARP, SCALA, SWIFT, PHP ->
                    language.label() + " source folders";
        };
        return kind + (root.isEmpty() ? "" : " in `" + root + "/`") + " (files):";
    }

    private static String module(Module module, String commonRoot, boolean withSummary) {
        String where = module.sourceRoot().equals(commonRoot) || module.sourceRoot().isEmpty() ? ""
                : ", in `" + module.sourceRoot() + "/`";
        String summary = module.summary().isEmpty() || !withSummary ? "" : ": " + module.summary();
        return "- `" + module.name() + "` (" + module.files() + where + ")" + summary;
    }

    private static String topDir(RepoMap.TopDir dir) {
        List<String> parts = new ArrayList<>();
        if (!dir.role().isEmpty()) {
            parts.add(dir.role());
        }
        parts.add(dir.languages().isEmpty() ? dir.files() + (dir.files() == 1 ? " file" : " files")
                : languages(dir.languages()));
        return "- `" + dir.name() + "/` — " + String.join("; ", parts);
    }

    private static String entry(EntryPoint entry) {
        return "`" + entry.name() + "`" + (entry.detail().isEmpty() ? "" : " (" + entry.detail() + ")");
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    private static String languages(List<RepoMap.LanguageCount> counts) {
        return counts.stream().limit(4).map(c -> c.language().label() + " " + c.files())
                .collect(Collectors.joining(", "));
    }
}
