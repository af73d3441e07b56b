package io.nflab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.SourceLocation;
import io.nflab.packet.PacketText;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Ruleset;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel lab leaves nothing behind: not after close, not when building fails half-way, and crashed
 * runs' leftovers can be removed. Each test uses its own namespace prefix, so it can tell its own
 * leftovers from other runs'. Needs root; skipped elsewhere.
 */
class KernelLabLifecycleTest {

    private static final String TWO_HOSTS = """
            name: pair
            segments: { lan: {} }
            nodes:
              a:
                kind: host
                interfaces:
                  eth0: { segment: lan, address: 10.0.0.1/24 }
                  eth1: { segment: lan, address: 10.0.1.1/24, up: false }
              b:
                kind: host
                interfaces:
                  eth0: { segment: lan, address: 10.0.0.2/24 }
                %s
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void needsKernelLabs() {
        NetnsAvailability.assumeKernelLab();
    }

    @Test
    void closeDeletesEveryNamespaceAndTheHostNeverSeesAnInterface() {
        Set<String> hostLinks = hostLinks();
        KernelLab lab = KernelLab.start(topology(""), KernelLabOptions.DEFAULT.withPrefix("nfkclose"));
        List<String> namespaces = lab.namespaces();

        assertEquals(List.of(lab.names().switchNamespace(), lab.namespace("a"), lab.namespace("b")), namespaces);
        assertTrue(Netns.list().containsAll(namespaces));
        assertEquals(hostLinks, hostLinks(), "the lab's bridges and veths live in its namespaces only");
        assertTrue(lab.exec("a", List.of("ip", "link", "show", "eth1")).stdout().contains("state DOWN"),
                "an interface the topology marks down stays down");
        lab.close();
        lab.close();

        assertTrue(ownNamespaces("nfkclose").isEmpty(), Netns.list()::toString);
        assertEquals(hostLinks, hostLinks());
        assertThrows(IllegalStateException.class,
                () -> lab.send("a", PacketText.parse("udp 10.0.0.1:1 > 10.0.0.2:2")));
    }

    /**
     * The topology loader already checks rulesets with nflab's own iptables-restore, so the ruleset is
     * put in after loading: the kernel lab must report what the kernel refuses on its own, at the line.
     */
    @Test
    void aRulesetTheKernelRefusesIsReportedAtItsLineAndNothingIsLeft() {
        Path rules = dir.resolve("b.rules");
        Ruleset refused = new Ruleset("""
                # a port iptables refuses
                *filter
                :INPUT ACCEPT [0:0]
                -A INPUT -p tcp --dport 99999 -j ACCEPT
                COMMIT
                """, Optional.of("b.rules"), SourceLocation.startOf(rules.toString()));
        Topology loaded = topology("");
        Topology topology = new Topology(loaded.name(), loaded.description(), loaded.segments(), loaded.nodes().stream()
                .map(n -> !n.name().equals("b") ? n : new NodeSpec(n.name(), n.kind(), n.interfaces(), n.routes(),
                        Optional.of(refused), n.sysctls(), n.services(), n.placement()))
                .toList());

        KernelLabException e = assertThrows(KernelLabException.class,
                () -> KernelLab.start(topology, KernelLabOptions.DEFAULT.withPrefix("nfkfail")));

        assertTrue(e.getMessage().startsWith(rules + ":4: node b: the kernel refused the ruleset"
                + " (b.rules): iptables-restore exited with 2: iptables-restore v1.8.9 (nf_tables): invalid port/service"
                + " `99999' specified Error occurred at line: 4 "), e.getMessage());
        assertTrue(ownNamespaces("nfkfail").isEmpty(), Netns.list()::toString);
    }

    @Test
    void sysctlsANamespaceCannotHaveAreRefusedByName() {
        KernelLabException max = assertThrows(KernelLabException.class, () -> KernelLab.start(
                topology("sysctls: { net.netfilter.nf_conntrack_max: 1000 }"),
                KernelLabOptions.DEFAULT.withPrefix("nfksys")));
        assertTrue(max.getMessage().startsWith("node b: cannot set sysctl net.netfilter.nf_conntrack_max=1000 in the"
                + " kernel: a network namespace cannot change it (it is "), max.getMessage());

        String helper = "sysctls: { net.netfilter.nf_conntrack_helper: %s }";
        if (Files.exists(Path.of("/proc/sys/net/netfilter/nf_conntrack_helper"))) {
            return; // a kernel older than 6.0 still has automatic helper assignment
        }
        KernelLabException on = assertThrows(KernelLabException.class, () -> KernelLab.start(
                topology(helper.formatted(1)), KernelLabOptions.DEFAULT.withPrefix("nfksys")));
        assertTrue(on.getMessage().contains("this kernel has no such sysctl; automatic helper assignment was removed"
                + " in Linux 6.0"), on.getMessage());
        try (KernelLab off = KernelLab.start(topology(helper.formatted(0)),
                KernelLabOptions.DEFAULT.withPrefix("nfksys"))) {
            assertEquals(3, off.namespaces().size(), "nf_conntrack_helper=0 is what such a kernel always does");
        }
        assertTrue(ownNamespaces("nfksys").isEmpty(), Netns.list()::toString);
    }

    @Test
    void cleanupStaleDeletesOnlyOldLeftoversOfDeadProcesses() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String stale = "nfkstale" + gone.pid() + "-1-a";
        String live = "nfkstale" + ProcessHandle.current().pid() + "-999";
        String foreign = "nfkstaleother-" + gone.pid();
        for (String name : List.of(stale, live, foreign)) {
            ProcessRunner.runChecked(List.of("ip", "netns", "add", name), Netns.DEFAULT_TIMEOUT);
        }
        try {
            assertEquals(List.of(), KernelLab.cleanupStale("nfkstale", Duration.ofHours(1)), "all are new");

            assertEquals(List.of(stale), KernelLab.cleanupStale("nfkstale", Duration.ZERO));

            List<String> left = Netns.list();
            assertFalse(left.contains(stale));
            assertTrue(left.contains(live) && left.contains(foreign), left::toString);
        } finally {
            for (String name : List.of(stale, live, foreign)) {
                Netns.deleteLeftover(name);
            }
        }
    }

    private Topology topology(String lineForB) {
        try {
            Path file = dir.resolve("topology.yaml");
            Files.writeString(file, TWO_HOSTS.formatted(lineForB));
            return TopologyLoader.load(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The namespaces this JVM made with {@code prefix}. */
    private static List<String> ownNamespaces(String prefix) {
        String own = prefix + ProcessHandle.current().pid() + "-";
        return Netns.list().stream().filter(name -> name.startsWith(own)).toList();
    }

    private static Set<String> hostLinks() {
        return ProcessRunner.runChecked(List.of("ip", "-o", "link", "show"), Netns.DEFAULT_TIMEOUT).stdout().lines()
                .map(line -> line.split(": ")[1]).collect(Collectors.toSet());
    }
}
