package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.LocalLab;
import io.nflab.topology.NodeKind;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The labs {@code nflab bench --lab-up} generates. */
class GeneratedLabTest {

    @ParameterizedTest
    @ValueSource(ints = {3, 49, 50, 51, 1000})
    void exactlyTheNodesAskedForInLansOfAtMost48HostsBehindAGateway(int nodes) {
        Topology lab = GeneratedLab.of(nodes);
        assertEquals(nodes, lab.nodes().size());
        int lans = (nodes - 1 + 48) / 49;
        assertEquals(lans + 1, lab.segments().size());
        assertEquals("core", lab.nodes().get(0).name());
        assertEquals(lans + 1, lab.nodes().stream().filter(node -> node.kind() == NodeKind.GATEWAY).count());
        for (SegmentSpec segment : lab.segments().subList(1, lab.segments().size())) {
            int attached = lab.attachments(segment.name()).size();
            assertTrue(attached >= 2 && attached <= 49, segment.name() + ": " + attached);
        }
    }

    @Test
    void aHostReachesAHostInTheLastLanAcrossTheCore() {
        Topology topology = GeneratedLab.of(150);
        NodeSpec last = topology.nodes().get(topology.nodes().size() - 1);
        assertEquals("h-4-36", last.name());
        try (LocalLab lab = LocalLab.start(topology)) {
            String ping = lab.command("h-1-1", List.of("ping", "-c", "1", "10.0.4.37"), "").stdout();
            assertTrue(ping.contains("1 packets transmitted, 1 received"), ping);
            assertTrue(ping.contains("ttl=61"), "three gateways on the way: " + ping);
        }
    }

    @Test
    void sizesOutsideTheAddressingPlanAreRefused() {
        assertEquals("a generated lab has 3 to " + GeneratedLab.MAX_NODES + " nodes, not 2",
                assertThrows(UserInputException.class, () -> GeneratedLab.of(2)).getMessage());
        assertThrows(UserInputException.class, () -> GeneratedLab.of(GeneratedLab.MAX_NODES + 1));
    }
}
