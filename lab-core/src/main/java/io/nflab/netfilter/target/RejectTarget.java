package io.nflab.netfilter.target;

import java.util.Objects;

/** {@code -j REJECT [--reject-with TYPE]}: drop and answer with an ICMP error or a TCP RST. */
public record RejectTarget(RejectWith with) implements Target {

    /** The reply types, in the kernel's numbering ({@code enum ipt_reject_with}). */
    public enum RejectWith {
        ICMP_NET_UNREACHABLE("icmp-net-unreachable", "net-unreach"),
        ICMP_HOST_UNREACHABLE("icmp-host-unreachable", "host-unreach"),
        ICMP_PROT_UNREACHABLE("icmp-proto-unreachable", "proto-unreach"),
        ICMP_PORT_UNREACHABLE("icmp-port-unreachable", "port-unreach"),
        ICMP_ECHOREPLY(null, null),
        ICMP_NET_PROHIBITED("icmp-net-prohibited", "net-prohib"),
        ICMP_HOST_PROHIBITED("icmp-host-prohibited", "host-prohib"),
        TCP_RESET("tcp-reset", "tcp-rst"),
        ICMP_ADMIN_PROHIBITED("icmp-admin-prohibited", "admin-prohib");

        private final String label;
        private final String alias;

        RejectWith(String label, String alias) {
            this.label = label;
            this.alias = alias;
        }

        /** The name iptables prints; null for the unsupported echo-reply. */
        public String label() {
            return label;
        }

        public String alias() {
            return alias;
        }
    }

    public RejectTarget {
        Objects.requireNonNull(with, "with");
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
