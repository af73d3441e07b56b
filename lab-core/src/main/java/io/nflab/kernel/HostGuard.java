package io.nflab.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The rule that keeps nflab from changing the machine it runs on: a program that changes network
 * state (ip, the iptables family, nft, conntrack, sysctl, tc, …) runs only inside a network
 * namespace, as {@code ip netns exec NS PROGRAM …} or {@code ip -n NS …}, never in the host's own
 * namespace. {@link ProcessRunner} checks every command it runs against this rule. Allowed without a
 * namespace: {@code ip netns add|delete|list|exec}, read-only {@code ip OBJECT show|list}, and a
 * network program's {@code --version}.
 */
final class HostGuard {

    private static final List<String> FAMILY_PREFIXES = List.of("iptables", "ip6tables", "arptables", "ebtables",
            "xtables");
    private static final Set<String> NETWORK_PROGRAMS = Set.of("nft", "conntrack", "sysctl", "tc", "bridge",
            "ethtool", "arping", "hping3", "ping", "tcpdump", "ipset");
    private static final Set<String> NETNS_VERBS = Set.of("add", "delete", "del", "list", "exec");
    private static final Set<String> READ_ONLY_VERBS = Set.of("show", "list", "ls", "lst", "sh");
    private static final Set<String> IP_OPTIONS_WITH_ARGUMENT = Set.of("-f", "-family", "-l", "-loops", "-rc",
            "-rcvbuf");
    private static final Set<String> IP_NAMESPACE_OPTIONS = Set.of("-n", "-netns");
    private static final Set<String> IP_BATCH_OPTIONS = Set.of("-b", "-batch", "-force");

    private HostGuard() {
    }

    /**
     * Throws when {@code argv} would change the network state of the namespace the JVM runs in.
     *
     * @throws KernelCommandException naming the command and the rule
     */
    static void check(List<String> argv) {
        String program = Path.of(argv.get(0)).getFileName().toString();
        if (program.equals("ip")) {
            checkIp(argv);
        } else if (isNetworkProgram(program) && !isVersionQuery(argv)) {
            throw refused(argv, "network programs run only inside a namespace: ip netns exec NS " + program + " …");
        }
    }

    private static boolean isNetworkProgram(String program) {
        return NETWORK_PROGRAMS.contains(program) || FAMILY_PREFIXES.stream().anyMatch(program::startsWith);
    }

    private static boolean isVersionQuery(List<String> argv) {
        return argv.size() == 2 && (argv.get(1).equals("--version") || argv.get(1).equals("-V"));
    }

    private static void checkIp(List<String> argv) {
        int at = 1;
        boolean batch = false;
        while (at < argv.size() && argv.get(at).startsWith("-")) {
            String option = argv.get(at);
            if (IP_NAMESPACE_OPTIONS.contains(option)) {
                if (at + 1 < argv.size()) {
                    return; // ip -n NS …: everything happens inside NS
                }
                throw refused(argv, "-n needs a namespace");
            }
            batch |= IP_BATCH_OPTIONS.contains(option);
            at += IP_OPTIONS_WITH_ARGUMENT.contains(option) || option.equals("-b") || option.equals("-batch") ? 2 : 1;
        }
        if (batch) {
            throw refused(argv, "ip -batch runs only with -n NS");
        }
        if (isVersionQuery(argv)) {
            return;
        }
        String object = at < argv.size() ? argv.get(at) : "";
        String verb = at + 1 < argv.size() ? argv.get(at + 1) : "";
        if (object.equals("netns") && NETNS_VERBS.contains(verb)) {
            return;
        }
        if (!object.isEmpty() && !object.equals("netns") && (verb.isEmpty() || READ_ONLY_VERBS.contains(verb))) {
            return;
        }
        throw refused(argv, "ip changes links, addresses, routes … only with -n NS or through ip netns exec NS");
    }

    private static KernelCommandException refused(List<String> argv, String rule) {
        return new KernelCommandException("refusing to run '" + String.join(" ", argv)
                + "' in the host's network namespace (" + rule + ")");
    }
}
