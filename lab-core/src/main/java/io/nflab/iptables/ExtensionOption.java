package io.nflab.iptables;

import java.util.Objects;

/**
 * A long option an extension adds to the command line while it is loaded (tcp's {@code --dport}).
 * Options with the same {@code id} are synonyms ({@code --dport}/{@code --destination-port}):
 * getopt does not find such abbreviations ambiguous.
 */
public record ExtensionOption(String name, boolean takesArgument, int id) {

    public ExtensionOption {
        Objects.requireNonNull(name, "name");
    }

    public static ExtensionOption flag(String name, int id) {
        return new ExtensionOption(name, false, id);
    }

    public static ExtensionOption withArgument(String name, int id) {
        return new ExtensionOption(name, true, id);
    }
}
