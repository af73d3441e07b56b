package io.nflab.netfilter.eval;

/**
 * What a non-terminating target does to the packet (its mark, headers, conntrack entry or trace flag)
 * before the traversal goes on with the next rule. One implementation per target, after the kernel's.
 */
interface Effect {
    void apply(PacketContext packet);
}
