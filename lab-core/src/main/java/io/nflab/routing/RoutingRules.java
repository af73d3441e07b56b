package io.nflab.routing;

import io.nflab.link.Errno;
import io.nflab.link.NetlinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The routing policy database of one namespace (the kernel's IPv4 {@code fib_rules_ops} list): rules in
 * ascending priority, starting as Linux starts, with {@code 0 lookup local}, {@code 32766 lookup main} and
 * {@code 32767 lookup default}. Changes come through {@link IpNamespace}.
 */
public final class RoutingRules {

    private static final List<RoutingRule> DEFAULTS = List.of(RoutingRule.all(0, RouteTables.LOCAL),
            RoutingRule.all(32766, RouteTables.MAIN), RoutingRule.all(32767, RouteTables.DEFAULT));

    private RoutingRule[] rules = DEFAULTS.toArray(RoutingRule[]::new);
    private boolean defaults = true;

    /** The rules in the order they are tried (and listed). */
    public List<RoutingRule> list() {
        return List.of(rules);
    }

    /** Whether the rules are Linux's three default ones (lookups may then take the merged fast path). */
    boolean areDefault() {
        return defaults;
    }

    RoutingRule[] array() {
        return rules;
    }

    /** The index of the first rule of this priority ({@code goto}'s {@code ctarget}), or -1. */
    int indexOfPriority(long priority) {
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].priority() == priority) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a rule is a {@code goto} without a rule of its target priority (iproute2's {@code [unresolved]}). */
    public boolean isUnresolved(RoutingRule rule) {
        return rule.action() == RuleAction.GOTO && indexOfPriority(rule.target()) < 0;
    }

    /**
     * The priority the kernel gives a rule added without one ({@code fib_default_rule_pref}): one less than
     * the second rule's, or 0.
     */
    long defaultPriority() {
        return rules.length > 1 && rules[1].priority() > 0 ? rules[1].priority() - 1 : 0;
    }

    /** Adds a rule after the rules of equal or lower priority ({@code fib_nl_newrule}). */
    void add(RoutingRule rule) {
        List<RoutingRule> next = new ArrayList<>(List.of(rules));
        int position = 0;
        while (position < next.size() && next.get(position).priority() <= rule.priority()) {
            position++;
        }
        next.add(position, rule);
        set(next);
    }

    /**
     * Removes the first rule the selector matches ({@code fib_nl_delrule}).
     *
     * @throws NetlinkException ENOENT when none matches
     */
    RoutingRule delete(Predicate<RoutingRule> selector) {
        List<RoutingRule> next = new ArrayList<>(List.of(rules));
        for (int i = 0; i < next.size(); i++) {
            if (selector.test(next.get(i))) {
                RoutingRule gone = next.remove(i);
                set(next);
                return gone;
            }
        }
        throw new NetlinkException(Errno.ENOENT);
    }

    private void set(List<RoutingRule> next) {
        rules = next.toArray(RoutingRule[]::new);
        defaults = next.equals(DEFAULTS);
    }
}
