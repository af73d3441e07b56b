package io.nflab.kernel;

import io.nflab.topology.Sysctl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sysctls of a kernel lab's namespaces. First a baseline that makes every namespace the same on
 * every machine and keeps the kernel from sending what nobody asked for; then the node's own sysctls
 * from the topology, each checked.
 *
 * <p>Why the baseline: a new namespace inherits the IPv4 {@code conf/all} and {@code conf/default}
 * values (forwarding, rp_filter, …) of the machine's own namespace ({@code devconf_inherit_init_net=0},
 * the default), so they are set back to the kernel's defaults; IPv6 is turned off before any
 * interface exists (no router solicitations, MLD reports or duplicate address detection); ICMP rate
 * limiting is off ({@code icmp_ratemask=0}) so that every error the kernel decides to send is sent;
 * resolved neighbours stay reachable for an hour (no unicast ARP probes at random moments later);
 * helpers are never assigned automatically where the kernel still can ({@code nf_conntrack_helper=0},
 * absent since Linux 6.0); the switch namespace's bridges do not hand frames to iptables
 * ({@code bridge-nf-call-*=0}).
 */
final class LabSysctls {

    /** The kernel's own defaults of the IPv4 per-interface settings, for {@code all} and {@code default}. */
    private static final Map<String, String> IPV4_CONF_DEFAULTS = orderedPairs(
            "forwarding", "0", "rp_filter", "0", "route_localnet", "0", "accept_local", "0",
            "accept_redirects", "1", "secure_redirects", "1", "send_redirects", "1", "proxy_arp", "0",
            "arp_filter", "0", "arp_ignore", "0", "arp_announce", "0", "arp_accept", "0", "arp_notify", "0",
            "log_martians", "0", "promote_secondaries", "0", "bc_forwarding", "0", "drop_gratuitous_arp", "0");

    private static final String CONNTRACK_HELPER = Sysctl.CONNTRACK_HELPER.key();
    /** One hour: a resolved neighbour stays REACHABLE for the lab's life instead of a random 15 to 45 s. */
    private static final String REACHABLE_MILLIS = "3600000";

    private LabSysctls() {
    }

    /** The baseline of a node namespace, in the order it is written. */
    static Map<String, String> nodeBaseline() {
        Map<String, String> all = new LinkedHashMap<>(ipv6Off());
        all.put("net.ipv4.icmp_ratemask", "0");
        all.put(CONNTRACK_HELPER, "0");
        for (String scope : List.of("all", "default")) {
            IPV4_CONF_DEFAULTS.forEach((key, value) -> all.put("net.ipv4.conf." + scope + "." + key, value));
        }
        // The kernel's one asymmetric default: source routing is refused on "all" but allowed on "default".
        all.put("net.ipv4.conf.all.accept_source_route", "0");
        all.put("net.ipv4.conf.default.accept_source_route", "1");
        return all;
    }

    /**
     * The neighbour settings of a node's interfaces, written once they exist: a namespace has no
     * {@code neigh.default} of its own (new interfaces copy the machine's), so each is set by name.
     */
    static Map<String, String> neighbourBaseline(List<String> interfaces) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String iface : interfaces) {
            all.put("net.ipv4.neigh." + iface.replace('.', '/') + ".base_reachable_time_ms", REACHABLE_MILLIS);
        }
        return all;
    }

    /** The baseline of the switch namespace. */
    static Map<String, String> switchBaseline() {
        Map<String, String> all = new LinkedHashMap<>(ipv6Off());
        for (String family : List.of("iptables", "ip6tables", "arptables")) {
            all.put("net.bridge.bridge-nf-call-" + family, "0");
        }
        return all;
    }

    /**
     * Writes a baseline and checks that it took; keys this kernel does not have (IPv6 or br_netfilter
     * not built in, nf_conntrack_helper since Linux 6.0) are skipped, since what they would turn off
     * does not exist either.
     *
     * @throws KernelCommandException when the kernel kept another value
     */
    static void applyBaseline(Netns netns, Map<String, String> baseline) {
        List<String> write = new ArrayList<>(List.of("sysctl", "-q", "-e", "-w"));
        baseline.forEach((key, value) -> write.add(key + "=" + value));
        ProcessResult written = netns.exec(write);
        Map<String, String> current = read(netns, baseline.keySet());
        baseline.forEach((key, value) -> {
            if (current.containsKey(key) && !current.get(key).equals(value)) {
                throw new KernelCommandException("in " + netns.name() + ": sysctl " + key + " stayed "
                        + current.get(key) + " instead of " + value + ": " + written.stderr().strip());
            }
        });
    }

    /** Whether a topology sysctl must wait until the node's interfaces exist (it names one of them). */
    static boolean needsInterfaces(String key) {
        return Sysctl.find(key).flatMap(s -> s.device(key))
                .filter(device -> !device.equals("all") && !device.equals("default"))
                .isPresent();
    }

    /**
     * Writes one of the node's topology sysctls and checks that it took (sysctl(8) exits 0 even when
     * the kernel refuses a value). A namespace cannot set everything the machine can: a value the
     * kernel already has is accepted as it is, and {@code nf_conntrack_helper=0} is what kernels
     * without that sysctl (Linux 6.0 and later) always do; anything else is refused.
     *
     * @throws KernelLabException naming the node, the sysctl and the kernel's answer
     */
    static void applyTopology(Netns netns, String node, String key, String value) {
        ProcessResult written = netns.exec(List.of("sysctl", "-q", "-w", key + "=" + value));
        Optional<String> current = Optional.ofNullable(read(netns, List.of(key)).get(key));
        if (current.filter(words(value)::equals).isPresent()
                || current.isEmpty() && key.equals(CONNTRACK_HELPER) && words(value).equals("0")) {
            return;
        }
        String why = current.map(v -> "a network namespace cannot change it (it is " + v + ")")
                .orElse("this kernel has no such sysctl");
        if (key.equals(CONNTRACK_HELPER)) {
            why += "; automatic helper assignment was removed in Linux 6.0 — assign helpers with"
                    + " `-t raw … -j CT --helper NAME' instead";
        }
        throw new KernelLabException("node " + node + ": cannot set sysctl " + key + "=" + value + " in the kernel: "
                + why + Optional.of(written.stderr().strip()).filter(s -> !s.isEmpty()).map(s -> " (" + s + ")")
                        .orElse(""));
    }

    /** The current values of those of {@code keys} the kernel has, blanks collapsed. */
    private static Map<String, String> read(Netns netns, Collection<String> keys) {
        List<String> argv = new ArrayList<>(List.of("sysctl", "-e"));
        argv.addAll(keys);
        Map<String, String> values = new HashMap<>();
        netns.exec(argv).stdout().lines().forEach(line -> {
            int equals = line.indexOf(" = ");
            if (equals > 0) {
                values.put(line.substring(0, equals), words(line.substring(equals + 3)));
            }
        });
        return values;
    }

    private static String words(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    private static Map<String, String> ipv6Off() {
        return orderedPairs("net.ipv6.conf.all.disable_ipv6", "1", "net.ipv6.conf.default.disable_ipv6", "1");
    }

    private static Map<String, String> orderedPairs(String... keysAndValues) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            pairs.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return pairs;
    }
}
