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
        StringBuilder help = new StringBuilder(Main.commandLine().getUsageMessage());
        assertThat(help.toString()).doesNotContain("aot-training");
        assertThat(Main.commandLine().getSubcommands()).containsKey("aot-training");
    }
}
