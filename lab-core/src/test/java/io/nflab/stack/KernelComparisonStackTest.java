package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nflab.kernel.KernelLab;
import io.nflab.kernel.LabMacs;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.NodeInterface;
import io.nflab.kernel.Observation;
import io.nflab.kernel.PacketNormalizer;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The port-forward lab twice, in the real kernel ({@link KernelLab}) and on net stacks with the same MACs:
 * the same injected SYN must leave the same packets at web:eth0 (IP ids aside) and the same counters on the
 * gateway. Needs root and {@code ip netns}; skipped elsewhere.
 */
class KernelComparisonStackTest {
    private static final Path TOPOLOGY = Path.of("../topologies/port-forward/topology.yaml");
    private static final String SYN = "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S";

    @Test
    void theFirstSynOfThePortForwardLooksTheSameAtWebAndInTheCounters() {
        NetnsAvailability.assumeKernelLab();
        Topology topology = TopologyLoader.load(TOPOLOGY);
        List<Ipv4Packet> kernelAtWeb;
        String kernelSave;
        try (KernelLab kernel = KernelLab.start(topology)) {
            Observation seen = kernel.send("client", PacketText.parse(SYN));
            kernelAtWeb = seen.received("web", "eth0");
            kernelSave = kernel.iptablesSave("gw");
        }

        TestLab lab = new TestLab(withLabMacs(topology));
        lab.send("client", PacketText.parse(SYN));
        List<Ipv4Packet> stackAtWeb = lab.receivedAt("web", "eth0").stream()
                .filter(r -> r.frame().payload() instanceof Ipv4Packet).map(r -> (Ipv4Packet) r.frame().payload())
                .toList();

        assertFalse(kernelAtWeb.isEmpty(), "the kernel's web server saw nothing");
        assertEquals(normalized(kernelAtWeb), normalized(stackAtWeb));
        assertEquals(withoutComments(kernelSave), withoutComments(lab.run("gw", "iptables-save", "-c")));
    }

    static List<Ipv4Packet> normalized(List<Ipv4Packet> packets) {
        return packets.stream().map(PacketNormalizer::normalize).toList();
    }

    private static String withoutComments(String save) {
        return save.lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
    }

    /** The topology with every interface given the MAC the kernel lab gives it, so that frames compare. */
    static Topology withLabMacs(Topology topology) {
        Map<NodeInterface, io.nflab.address.MacAddress> macs = LabMacs.of(topology);
        List<NodeSpec> nodes = topology.nodes().stream().map(node -> new NodeSpec(node.name(), node.kind(),
                node.interfaces().stream().map(i -> new InterfaceSpec(i.name(), i.segment(), i.address(),
                        Optional.of(macs.get(new NodeInterface(node.name(), i.name()))), i.up())).toList(),
                node.routes(), node.ruleset(), node.sysctls(), node.services(), node.placement(), node.ipRules()))
                .toList();
        return new Topology(topology.name(), topology.description(), topology.segments(), nodes);
    }
}
