package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AotTrainingCommandTest {
    @Test
    void trainingRunServesEveryRequestThroughABridgeAndExitsZero() {
        assertThat(new CommandLine(new AotTrainingCommand()).execute()).isZero();
    }

    @Test
    void trainingCommandIsHiddenFromHelp() {
        StringBuilder help = new StringBuilder(RootCommand.commandLine().getUsageMessage());
        assertThat(help.toString()).doesNotContain("aot-training");
        assertThat(RootCommand.commandLine().getSubcommands()).containsKey("aot-training");
    }
}
