package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nflab.kernel.KernelLab;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.Observation;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Policy rules in the real kernel ({@link KernelLab}) and on net stacks, packet by packet: the rules of
 * {@code policy-routing/topology.yaml} select by protocol and port, TOS, destination and source ({@code goto}
 * past the refusals, {@code not}) and refuse with {@code prohibit}, {@code unreachable} and {@code blackhole}.
 * For each packet pc sends, both must deliver the same packets at each interface of isp2 (which uplink gw
 * chose) and answer pc with the same ICMP errors (administratively prohibited, network unreachable, none).
 * Needs root and {@code ip netns}.
 */
class PolicyRulesKernelComparisonTest {
    private static final Path TOPOLOGY = Path.of("src/test/resources/policy-routing/topology.yaml");
    private static final List<String[]> WATCHED = List.of(new String[] {"isp2", "eth0"},
            new String[] {"isp2", "eth1"}, new String[] {"pc", "eth0"});

    private static KernelLab kernel;
    private static Topology topology;

    @BeforeAll
    static void startKernelLab() {
        NetnsAvailability.assumeKernelLab();
        topology = TopologyLoader.load(TOPOLOGY);
        kernel = KernelLab.start(topology);
    }

    @AfterAll
    static void stopKernelLab() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tcp 192.168.1.10:40000 > 198.18.0.10:80 flags S",
        "tcp 192.168.1.10:40001 > 198.18.0.10:22 flags S",
        "udp 192.168.1.10:40002 > 198.18.0.10:9 tos 0x10 len 16",
        "udp 192.168.1.10:40003 > 198.18.0.10:9 tos 0x08 len 16",
        "tcp 192.168.1.10:40004 > 198.18.0.99:22 flags S",
        "tcp 192.168.1.10:40005 > 198.18.0.98:22 flags S",
        "tcp 192.168.1.10:40006 > 198.18.0.97:22 flags S",
        "tcp 192.168.1.20:40007 > 198.18.0.99:22 flags S",
        "tcp 192.168.1.10:40008 > 203.0.113.2:22 flags S",
    })
    void rulesDecideAsInTheKernel(String text) {
        Ipv4Packet packet = PacketText.parse(text);
        Observation seen = kernel.send("pc", packet);
        Map<String, List<Ipv4Packet>> expected = new LinkedHashMap<>();
        for (String[] at : WATCHED) {
            expected.put(at[0] + ":" + at[1], KernelComparisonStackTest.normalized(seen.received(at[0], at[1])));
        }

        TestLab lab = new TestLab(KernelComparisonStackTest.withLabMacs(topology));
        lab.send("pc", packet);
        Map<String, List<Ipv4Packet>> actual = new LinkedHashMap<>();
        for (String[] at : WATCHED) {
            actual.put(at[0] + ":" + at[1], KernelComparisonStackTest.normalized(received(lab, at[0], at[1])));
        }

        assertFalse(expected.values().stream().allMatch(List::isEmpty) && !text.contains(".97"),
                "the kernel lab saw nothing of " + text);
        assertEquals(expected, actual, text);
    }

    private static List<Ipv4Packet> received(TestLab lab, String node, String device) {
        return lab.receivedAt(node, device).stream()
                .filter(r -> r.frame().payload() instanceof Ipv4Packet).map(r -> (Ipv4Packet) r.frame().payload())
                .toList();
    }
}
