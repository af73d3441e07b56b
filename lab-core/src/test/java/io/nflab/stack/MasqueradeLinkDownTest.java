package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.SourceLocation;
import io.nflab.kernel.KernelLab;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.ProcessResult;
import io.nflab.packet.PacketText;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Ruleset;
import io.nflab.topology.Topology;
import io.nflab.verify.ConntrackListing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MASQUERADE's notifiers: {@code ip link set DEV down} and removing the address forget the connections
 * masqueraded through that device; losing the carrier does not (it is not {@code NETDEV_DOWN}). The same steps
 * run in the kernel (root only) and must leave the same {@code conntrack -L}.
 */
class MasqueradeLinkDownTest {
    private static final String RULES = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            -A POSTROUTING -o eth1 -j MASQUERADE
            COMMIT
            """;
    private static final String UDP = "udp 10.1.0.2:5555 > 10.2.0.2:53 len 4";
    private static final String ENTRY = "udp 17 ~ src=10.1.0.2 dst=10.2.0.2 sport=5555 dport=53 [UNREPLIED] "
            + "src=10.2.0.2 dst=10.2.0.1 sport=53 dport=5555 mark=0 use=1";

    @TempDir
    Path dir;
    Topology topology;
    TestLab lab;

    @BeforeEach
    void load() throws IOException {
        Topology plain = RandomCase.topology(dir);
        topology = new Topology(plain.name(), plain.description(), plain.segments(), plain.nodes().stream()
                .map(n -> !n.name().equals("gw") ? n : new NodeSpec(n.name(), n.kind(), n.interfaces(), n.routes(),
                        Optional.of(new Ruleset(RULES, Optional.empty(), SourceLocation.startOf("gw.rules"))),
                        n.sysctls(), n.services(), n.placement())).toList());
        lab = new TestLab(topology);
        lab.send("client", PacketText.parse(UDP));
    }

    private List<String> entries() {
        return ConntrackListing.entries(lab.run("gw", "conntrack", "-L")).stream()
                .map(ConntrackListing.Entry::rest).toList();
    }

    @Test
    void losingTheCarrierKeepsTheMasqueradedConnection() {
        int eth1 = lab.node("gw").ip().links().byName("eth1").orElseThrow().index();
        lab.node("gw").ip().setCarrier(eth1, false, lab.now, action -> { });
        assertEquals(List.of(ENTRY), entries());
    }

    @Test
    void takingTheDeviceDownForgetsIt() {
        assertEquals(List.of(ENTRY), entries());
        lab.run("gw", "ip", "link", "set", "eth1", "down");
        assertEquals(List.of(), entries());
    }

    @Test
    void removingTheAddressForgetsIt() {
        lab.run("gw", "ip", "address", "del", "10.2.0.1/24", "dev", "eth1");
        assertEquals(List.of(), entries());
    }

    @Test
    void theKernelDoesTheSame() {
        NetnsAvailability.assumeKernelLab();
        try (KernelLab kernel = KernelLab.start(topology)) {
            kernel.send("client", PacketText.parse(UDP));
            long sent = System.nanoTime();
            String start = kernel.conntrackList("gw").stdout();
            assertTrue(ConntrackListing.same(start, lab.run("gw", "conntrack", "-L")), start);

            check(kernel.exec("server", List.of("ip", "link", "set", "eth0", "down")));
            int eth1 = lab.node("gw").ip().links().byName("eth1").orElseThrow().index();
            lab.node("gw").ip().setCarrier(eth1, false, lab.now, action -> { });
            String afterCarrier = settled(kernel, start);
            keepPace(sent);
            assertTrue(ConntrackListing.same(afterCarrier, lab.run("gw", "conntrack", "-L")), afterCarrier);

            check(kernel.exec("gw", List.of("ip", "link", "set", "eth1", "down")));
            lab.run("gw", "ip", "link", "set", "eth1", "down");
            String afterDown = settled(kernel, afterCarrier);
            keepPace(sent);
            assertEquals(lab.run("gw", "conntrack", "-L"), afterDown);
        }
    }

    /** Advances the emulated lab to the time that passed in the kernel since {@code sent}: timeouts count down alike. */
    private void keepPace(long sent) {
        lab.advance(Math.max(0, System.nanoTime() - sent - lab.now));
    }

    /** The listing once the kernel's notifier work (a work queue) had time to run. */
    private static String settled(KernelLab kernel, String before) {
        String now = kernel.conntrackList("gw").stdout();
        for (int i = 0; i < 20 && ConntrackListing.same(now, before); i++) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = kernel.conntrackList("gw").stdout();
        }
        return now;
    }

    private static void check(ProcessResult result) {
        assertEquals(0, result.exitCode(), result.toString());
    }
}
