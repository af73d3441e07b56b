package io.nflab.netfilter.match;

/**
 * Connection states of the {@code state}/{@code conntrack} matches, in the order iptables prints them.
 * SNAT and DNAT ({@code --ctstate} only) are virtual: the connection's NAT changed its source/destination.
 */
public enum CtState {
    INVALID, NEW, RELATED, ESTABLISHED, UNTRACKED, SNAT, DNAT
}
