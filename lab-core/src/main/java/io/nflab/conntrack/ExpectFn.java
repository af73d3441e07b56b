package io.nflab.conntrack;

/**
 * What happens to a new connection when it matches an expectation (the kernel's {@code exp->expectfn}):
 * NAT's "follow the master" binding, for instance. Called while the connection's first packet is tracked,
 * before the protocol tracker sees it, with the connection not yet confirmed.
 */
@FunctionalInterface
public interface ExpectFn {
    void expected(ConntrackEntry connection, Expectation expectation, long now);
}
