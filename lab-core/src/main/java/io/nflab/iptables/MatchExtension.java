package io.nflab.iptables;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.Match;
import java.util.List;
import java.util.Set;

/**
 * One iptables match extension ({@code -m NAME}): its options, their parsing into a model
 * {@link Match}, and the two ways iptables prints it back, the {@code iptables-save}/{@code -S}
 * form and the {@code -L} form. One implementation per match type, like libxt_NAME.c.
 */
public interface MatchExtension<M extends Match> {

    /** The name given to {@code -m} and printed after it. */
    String name();

    /** The model type this extension parses into and prints. */
    Class<M> type();

    List<ExtensionOption> options();

    OptionParser<M> newParser(RuleContext rule);

    /** Appends the save form after {@code -m NAME}: each piece starts with a space ({@code " --dport 80"}). */
    void save(M match, IpSpec ip, StringBuilder out);

    /** Appends the {@code -L} form: starts with a space ({@code " tcp dpt:http"}). */
    void print(M match, IpSpec ip, boolean numeric, StringBuilder out);

    /**
     * Whether the kernel accepts this match in {@code table} for a rule reachable from {@code hooks}
     * (e.g. owner only in OUTPUT and POSTROUTING); false makes the commit fail with "Invalid argument".
     */
    default boolean kernelAccepts(M match, TableKind table, Set<Hook> hooks) {
        return true;
    }

    /** The name printed after {@code -m} for this value (an alias may print differently). */
    default String saveName(M match) {
        return name();
    }
}
