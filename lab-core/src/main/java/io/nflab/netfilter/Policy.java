package io.nflab.netfilter;

import java.util.Optional;

/** The policy of a built-in chain: the verdict for packets that reach its end. */
public enum Policy {
    ACCEPT,
    DROP;

    /** {@code ACCEPT} or {@code DROP}, exactly as iptables accepts them (upper case only). */
    public static Optional<Policy> byName(String name) {
        for (Policy policy : values()) {
            if (policy.name().equals(name)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
