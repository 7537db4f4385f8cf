package dev.localbridge.cli;

import java.util.Locale;
import java.util.Optional;

/** The shells {@code env} writes for, each with its own assignment, quoting and comment syntax. */
enum Shell {
    BASH, ZSH, FISH, POWERSHELL;

    /** By name ({@code bash}, {@code zsh}, {@code fish}, {@code powershell} or {@code pwsh}), any case. */
    static Optional<Shell> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "bash", "sh" -> Optional.of(BASH);
            case "zsh" -> Optional.of(ZSH);
            case "fish" -> Optional.of(FISH);
            case "powershell", "pwsh" -> Optional.of(POWERSHELL);
            default -> Optional.empty();
        };
    }

    /** The shell named by {@code $SHELL} (e.g. {@code /usr/bin/fish}); bash when unset or unknown. */
    static Shell fromShellVariable(String shell) {
        if (shell == null || shell.isBlank()) {
            return BASH;
        }
        String name = shell.substring(shell.replace('\\', '/').lastIndexOf('/') + 1).replaceFirst("(?i)\\.exe$", "");
        return named(name).orElse(BASH);
    }

    /** A line that sets {@code name} to exactly {@code value} in the environment of this shell and its children. */
    String set(String name, String value) {
        return switch (this) {
            case BASH, ZSH -> "export " + name + "=" + posixQuoted(value);
            case FISH -> "set -gx " + name + " " + fishQuoted(value);
            case POWERSHELL -> "$env:" + name + " = " + powershellQuoted(value);
        };
    }

    /** How to remove {@code name} from the environment in this shell. */
    String unset(String name) {
        return switch (this) {
            case BASH, ZSH -> "unset " + name;
            case FISH -> "set -e " + name;
            case POWERSHELL -> "Remove-Item Env:" + name;
        };
    }

    /** A comment line; line breaks in the text become spaces, so a comment can never run a command. */
    String comment(String text) {
        return "# " + text.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }

    /** POSIX single quotes: nothing is special inside, and a quote is written as {@code '\''}. */
    static String posixQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** fish single quotes: only backslash and the quote itself are escaped. */
    static String fishQuoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** PowerShell single quotes: a quote, including the typographic ones PowerShell also accepts, is doubled. */
    static String powershellQuoted(String value) {
        return "'" + value.replaceAll("(['\\u2018\\u2019\\u201A\\u201B])", "$1$1") + "'";
    }
}
