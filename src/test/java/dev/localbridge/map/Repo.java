package dev.localbridge.map;

import dev.localbridge.cli.MapCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine;

/** A repository written by a test, and {@code localbridge map} run on it the way the command line runs it. */
record Repo(Path root) {
    /** What one run of the command printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    /** Writes files given as path, content, path, content…; a path ending in {@code *} is made executable. */
    Repo with(String... pathsAndContents) {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            String path = pathsAndContents[i];
            boolean executable = path.endsWith("*");
            Path file = root.resolve(executable ? path.substring(0, path.length() - 1) : path);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, pathsAndContents[i + 1], StandardCharsets.UTF_8);
                if (executable) {
                    file.toFile().setExecutable(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    Path claudeMd() {
        return root.resolve("CLAUDE.md");
    }

    String claudeMdText() {
        try {
            return Files.readString(claudeMd(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] claudeMdBytes() {
        try {
            return Files.readAllBytes(claudeMd());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code localbridge map DIR ARGS…} on this repository. */
    Run map(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = root.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MapCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The map rendered straight from the model, without touching any file. */
    String section(int budget) {
        return MapRenderer.render(RepoMapper.map(root, Tree.DEFAULT_MAX_FILES, Set.of()), budget).text();
    }

    /** The line of the section that starts with {@code prefix}, or empty. */
    static String line(String section, String prefix) {
        return section.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
    }

    static int tokens(String text) {
        return MapRenderer.estimateTokens(text);
    }
}
