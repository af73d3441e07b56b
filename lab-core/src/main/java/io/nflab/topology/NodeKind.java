package io.nflab.topology;

import java.util.Map;

/** What a node is: a host, or a gateway (a host that forwards, {@code net.ipv4.ip_forward=1}). */
public enum NodeKind {
    HOST("host", Map.of()),
    GATEWAY("gateway", Map.of(Sysctl.IP_FORWARD.key(), "1"));

    private final String keyword;
    private final Map<String, String> sysctls;

    NodeKind(String keyword, Map<String, String> sysctls) {
        this.keyword = keyword;
        this.sysctls = sysctls;
    }

    /** The word the topology file uses. */
    public String keyword() {
        return keyword;
    }

    /** The sysctls this kind of node starts with, before the node's own {@code sysctls:}. */
    public Map<String, String> sysctls() {
        return sysctls;
    }
}
