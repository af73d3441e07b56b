package io.nflab.nat;

import io.nflab.netfilter.target.Target;
import java.util.Objects;

/**
 * What the nat table's chain decided for a connection's first packet at a hook: bind with a NAT target
 * ({@code NatTarget}, {@code MasqueradeTarget}, {@code RedirectTarget}), go on without a binding (no rule,
 * a policy or {@code ACCEPT}: NAT makes the null binding), or drop.
 */
public record NatVerdict(Kind kind, Target target) {
    public enum Kind { BIND, ACCEPT, DROP }

    public static final NatVerdict ACCEPT = new NatVerdict(Kind.ACCEPT, null);
    public static final NatVerdict DROP = new NatVerdict(Kind.DROP, null);

    public NatVerdict {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.BIND) != (target != null)) {
            throw new IllegalArgumentException("a binding verdict, and only one, carries a target");
        }
    }

    public static NatVerdict bind(Target target) {
        return new NatVerdict(Kind.BIND, target);
    }
}
