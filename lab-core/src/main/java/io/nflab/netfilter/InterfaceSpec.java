package io.nflab.netfilter;

import java.util.Objects;

/**
 * {@code -i}/{@code -o}: an interface name, a prefix when it ended in {@code +} (so {@code tun+}
 * matches tun0, tun1 …), with {@code !}. {@link #ANY} (empty name, wildcard) matches every interface.
 */
public record InterfaceSpec(String name, boolean wildcard, boolean negated) {
    public static final InterfaceSpec ANY = new InterfaceSpec("", true, false);

    public InterfaceSpec {
        Objects.requireNonNull(name, "name");
    }

    /** True when the rule does not test this interface at all. */
    public boolean isAny() {
        return name.isEmpty() && wildcard && !negated;
    }

    public boolean matches(String interfaceName) {
        boolean raw = wildcard ? interfaceName.startsWith(name) : interfaceName.equals(name);
        return raw != negated;
    }

    /** The name as iptables writes it back: {@code tun+} for a prefix. */
    public String text() {
        return wildcard ? name + "+" : name;
    }
}
