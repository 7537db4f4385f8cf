package dev.localbridge.cli;

import dev.localbridge.config.ConfigDefaults;
import dev.localbridge.config.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code localbridge}: picocli's top command. Wiring is explicit, command by command. The process starts in
 * {@link Main}, which reads a plain {@code serve} without picocli.
 */
@Command(name = "localbridge",
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.VersionProvider.class,
        description = "Run Claude Code on models served from your own hardware.",
        subcommands = {ServeCommand.class, UpCommand.class, EnvCommand.class, ClaudeCommand.class,
                DoctorCommand.class, BenchCommand.class, MapCommand.class, TopCommand.class, AotTrainingCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  localbridge up --model ~/models/qwen3-coder-30b.gguf   # llama-server + bridge, supervised",
                "  localbridge claude                                  # Claude Code on it",
                "  eval \"$(localbridge env)\"                           # the variables for your own shell",
                "  localbridge serve --backend http://127.0.0.1:8080",
                "  localbridge serve --port 8082 --model-map opus=qwen3-coder,haiku=qwen3-4b",
                "  localbridge doctor                                  # check the whole chain, with fixes",
                "  localbridge bench --runs 3                          # tokens/s, time to first token, bottleneck",
                "  localbridge map .                                   # write CLAUDE.md for this repository",
                "  localbridge top                                     # the live view: requests, tokens/s, context"})
final class RootCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine commandLine() {
        Logging.configure();
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setDefaultValueProvider(ConfigDefaults.fromSystem());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"localbridge " + Version.current(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
