package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.kernel.KernelLab;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.Observation;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Policy routing by mark in the real kernel ({@link KernelLab}) and on net stacks: in the mark-routing lab
 * the gateway's mangle table marks web SYNs 0x2 and {@code ip rule fwmark 2 lookup 100} sends them over the
 * second uplink (isp2's eth0), while SSH SYNs (0x1) take the main table (isp2's eth1). Both must leave the
 * same packets at the same interface of isp2 and none at the other. Needs root and {@code ip netns}.
 */
class PolicyRoutingKernelComparisonTest {
    private static final Path TOPOLOGY = Path.of("../topologies/mark-routing/topology.yaml");

    @ParameterizedTest
    @CsvSource({
        "80, eth0, eth1",
        "22, eth1, eth0",
    })
    void theMarkChoosesTheUplinkAsInTheKernel(int port, String taken, String avoided) {
        NetnsAvailability.assumeKernelLab();
        Ipv4Packet syn = PacketText.parse("tcp 192.168.1.10:40000 > 198.18.0.10:" + port + " flags S");
        Topology topology = TopologyLoader.load(TOPOLOGY);
        List<Ipv4Packet> kernelTaken;
        List<Ipv4Packet> kernelAvoided;
        try (KernelLab kernel = KernelLab.start(topology)) {
            Observation seen = kernel.send("pc", syn);
            kernelTaken = seen.received("isp2", taken);
            kernelAvoided = seen.received("isp2", avoided);
        }

        TestLab lab = new TestLab(KernelComparisonStackTest.withLabMacs(topology));
        lab.send("pc", syn);

        assertFalse(kernelTaken.isEmpty(), "the kernel's isp2 saw nothing on " + taken);
        assertTrue(kernelAvoided.isEmpty(), "the kernel's isp2 saw the SYN on " + avoided);
        assertEquals(KernelComparisonStackTest.normalized(kernelTaken),
                KernelComparisonStackTest.normalized(received(lab, taken)));
        assertEquals(List.of(), received(lab, avoided));
    }

    private static List<Ipv4Packet> received(TestLab lab, String device) {
        return lab.receivedAt("isp2", device).stream()
                .filter(r -> r.frame().payload() instanceof Ipv4Packet).map(r -> (Ipv4Packet) r.frame().payload())
                .toList();
    }
}
