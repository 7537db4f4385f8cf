package dev.localbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellTest {
    static final String VALUE = "it's \"x\" \\ $y ‘z’";

    @Test
    void bash_and_zsh_export_single_quoted_with_quotes_closed_and_reopened() {
        assertThat(Shell.BASH.set("K", VALUE)).isEqualTo("export K='it'\\''s \"x\" \\ $y ‘z’'");
        assertThat(Shell.ZSH.set("K", VALUE)).isEqualTo(Shell.BASH.set("K", VALUE));
    }

    @Test
    void fish_escapes_only_backslash_and_quote_inside_single_quotes() {
        assertThat(Shell.FISH.set("K", VALUE)).isEqualTo("set -gx K 'it\\'s \"x\" \\\\ $y ‘z’'");
    }

    @Test
    void powershell_doubles_every_quote_it_treats_as_single_including_typographic_ones() {
        assertThat(Shell.POWERSHELL.set("K", VALUE)).isEqualTo("$env:K = 'it''s \"x\" \\ $y ‘‘z’’'");
    }

    @Test
    void a_comment_cannot_smuggle_a_command_onto_a_new_line() {
        assertThat(Shell.BASH.comment("reason\nrm -rf ~\r\nmore")).isEqualTo("# reason rm -rf ~ more");
    }

    @Test
    void the_shell_variable_names_the_default_shell() {
        assertThat(Shell.fromShellVariable("/usr/local/bin/zsh")).isEqualTo(Shell.ZSH);
        assertThat(Shell.fromShellVariable("/usr/bin/fish")).isEqualTo(Shell.FISH);
        assertThat(Shell.fromShellVariable("C:\\Program Files\\PowerShell\\7\\pwsh.exe")).isEqualTo(Shell.POWERSHELL);
        assertThat(Shell.fromShellVariable("/bin/tcsh")).isEqualTo(Shell.BASH);
        assertThat(Shell.fromShellVariable(null)).isEqualTo(Shell.BASH);
    }
}
