package io.nflab.scenario;

/** The answers of iptables' REJECT target ({@code --reject-with}), by the names iptables uses. */
public enum RejectWith {
    ICMP_NET_UNREACHABLE("icmp-net-unreachable"),
    ICMP_HOST_UNREACHABLE("icmp-host-unreachable"),
    ICMP_PORT_UNREACHABLE("icmp-port-unreachable"),
    ICMP_PROTO_UNREACHABLE("icmp-proto-unreachable"),
    ICMP_NET_PROHIBITED("icmp-net-prohibited"),
    ICMP_HOST_PROHIBITED("icmp-host-prohibited"),
    ICMP_ADMIN_PROHIBITED("icmp-admin-prohibited"),
    TCP_RESET("tcp-reset");

    private final String keyword;

    RejectWith(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
