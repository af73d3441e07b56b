package io.nflab.iptables;

/**
 * Parses the options of one loaded extension instance of one rule, in command-line order, and
 * then builds the model value. Failures are {@link IptablesException}s with iptables' messages.
 */
public interface OptionParser<T> {

    /** One option; {@code argument} is null for an option without one; {@code inverted} when {@code !} preceded it. */
    void option(ExtensionOption option, String argument, boolean inverted);

    /** Every option has been seen: the extension's final check, then the value. */
    T finish();
}
