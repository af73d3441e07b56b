package io.nflab.netfilter.target;

import java.util.Objects;

/** {@code -j AUDIT --type accept|drop|reject}: an audit record; the packet continues. */
public record AuditTarget(Type type) implements Target {

    /** The audited action (the kernel's XT_AUDIT_TYPE_*). */
    public enum Type { ACCEPT, DROP, REJECT }

    public AuditTarget {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
