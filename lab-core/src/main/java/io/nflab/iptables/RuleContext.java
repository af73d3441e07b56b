package io.nflab.iptables;

/**
 * What an extension's parser may ask about the rule being parsed: the {@code -p} given so far (as
 * iptables' extensions read {@code struct ipt_entry} while parsing), and the command line after the
 * current option, for the few options that take two words ({@code --tcp-flags MASK COMP}).
 */
public interface RuleContext {

    /** The protocol number of {@code -p} so far, 0 when none (or {@code all}). */
    int protocol();

    /** True when {@code -p} was negated. */
    boolean protocolNegated();

    /**
     * Consumes and returns the next command-line word if there is one that does not start with
     * {@code -} or {@code !} (iptables' {@code xs_has_arg}); null otherwise, consuming nothing.
     */
    String takeFollowingWord();

    /** Prints a warning on stderr, as iptables does for things it accepts but doubts. */
    void warn(String message);
}
