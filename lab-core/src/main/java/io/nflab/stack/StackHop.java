package io.nflab.stack;

import java.util.Objects;

/**
 * One step of a packet through a stack, as {@link PacketWatcher#hop} reports it: the hook (or
 * {@code routing}, {@code conntrack}) with the table, chain and rule number where they apply ("" and 0
 * otherwise) and what happened there, e.g. {@code -A FORWARD -d 192.168.1.2/32 -p tcp -m tcp --dport 8080
 * -j ACCEPT}, {@code policy DROP}, {@code DNAT dst 203.0.113.1:80 -> 192.168.1.2:8080}, {@code NEW}.
 */
public record StackHop(String inInterface, String outInterface, String hook, String table, String chain, int rule,
                       String what) {
    public StackHop {
        Objects.requireNonNull(inInterface, "inInterface");
        Objects.requireNonNull(outInterface, "outInterface");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(what, "what");
    }
}
