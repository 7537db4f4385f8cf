package dev.localbridge.cli;

import dev.localbridge.config.ConfiguredValues;
import java.util.Optional;

/**
 * {@code localbridge}: the entry point. A plain {@code serve} command line starts at once ({@link ServeArguments});
 * every other one goes to picocli ({@link RootCommand}). No method here names a picocli type: the JVM's launcher
 * resolves the main class's method signatures before {@code main} runs, which would load picocli's largest class.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Logging.configure();
        Optional<ServeCommand> serve = ServeArguments.read(args, ConfiguredValues.fromSystem());
        System.exit(serve.isPresent() ? serve.get().call() : RootCommand.commandLine().execute(args));
    }
}
