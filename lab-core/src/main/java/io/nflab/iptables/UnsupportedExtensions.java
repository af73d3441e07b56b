package io.nflab.iptables;

import java.util.Set;

/**
 * The extensions iptables 1.8.9 ships that nflab does not emulate. Naming one is refused with a
 * clear message rather than silently treated as a chain name or ignored.
 */
final class UnsupportedExtensions {
    private static final Set<String> TARGETS = Set.of("CHECKSUM", "CLUSTERIP", "CONNSECMARK", "ECN", "HMARK",
            "IDLETIMER", "LED", "NETMAP", "NFLOG", "RATEEST", "SECMARK", "SET", "SYNPROXY", "TCPMSS",
            "TCPOPTSTRIP", "TEE", "TPROXY", "ULOG");
    private static final Set<String> MATCHES = Set.of("ah", "bpf", "cgroup", "cluster", "connbytes", "connlabel",
            "cpu", "dccp", "devgroup", "ecn", "esp", "hashlimit", "helper", "ipcomp", "ipvs", "nfacct", "osf",
            "physdev", "policy", "quota", "rateest", "realm", "rpfilter", "set", "socket", "statistic",
            "string", "tcpmss", "time", "u32");

    private UnsupportedExtensions() {
    }

    static boolean isTarget(String name) {
        return TARGETS.contains(name);
    }

    static boolean isMatch(String name) {
        return MATCHES.contains(name);
    }

    static IptablesException refuse(String kind, String name) {
        return IptablesException.parameter("nflab does not emulate the " + name + " " + kind
                + " (iptables knows it); see docs/iptables.md");
    }
}
