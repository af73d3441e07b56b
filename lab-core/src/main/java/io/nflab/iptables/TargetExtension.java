package io.nflab.iptables;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.Target;
import java.util.List;
import java.util.Set;

/**
 * One iptables target extension ({@code -j NAME}): options, parsing into a model {@link Target},
 * the save and {@code -L} forms, and the checks the kernel makes when the rule is committed
 * (tables, hooks, protocol), which iptables reports with exit code 4.
 */
public interface TargetExtension<T extends Target> {

    String name();

    Class<T> type();

    List<ExtensionOption> options();

    OptionParser<T> newParser(RuleContext rule);

    /** Appends the save form after {@code -j NAME}, each piece starting with a space. */
    void save(T target, IpSpec ip, StringBuilder out);

    /** Appends the {@code -L} form, starting with a space. */
    void print(T target, IpSpec ip, boolean numeric, StringBuilder out);

    /** Whether this extension prints {@code target} (several extensions may share a model type, as DNAT and SNAT do). */
    default boolean prints(T target) {
        return true;
    }

    /** The name in {@code -j NAME} when saving (an alias such as NOTRACK saves under its own name). */
    default String saveName(T target) {
        return name();
    }

    /** The name in {@code -L}'s target column. */
    default String listName(T target) {
        return name();
    }

    /**
     * Whether the kernel accepts this target in {@code table} for a rule reachable from {@code hooks};
     * false makes the commit fail with "Invalid argument".
     */
    default boolean kernelAccepts(T target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return true;
    }

    /**
     * What the kernel answers when it cannot set the target up at all, whatever the hook (an unknown
     * conntrack helper: "No such file or directory"); empty when it can.
     */
    default java.util.Optional<String> kernelRefusal(T target) {
        return java.util.Optional.empty();
    }
}
