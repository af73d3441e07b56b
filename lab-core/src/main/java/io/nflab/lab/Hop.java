package io.nflab.lab;

import java.util.Objects;

/**
 * One line of a packet's trace, like a TRACE target's log line: on {@code node}, at lab time
 * {@code nanos}, the packet passed {@code hook} (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING, or
 * {@code routing}/{@code conntrack}/{@code wire} for the steps between hooks) in {@code table}/{@code chain}
 * ("" where none applies) and {@code what} happened: the rule number and target, the verdict, the NAT
 * rewrite, the conntrack state, the routing decision or the segment it crossed.
 */
public record Hop(String node, long nanos, String inInterface, String outInterface, String hook, String table,
                  String chain, int rule, String what) {
    /** {@link #rule} when the hop is a chain's policy or no rule at all. */
    public static final int NO_RULE = 0;

    public Hop {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(inInterface, "inInterface");
        Objects.requireNonNull(outInterface, "outInterface");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(what, "what");
    }
}
