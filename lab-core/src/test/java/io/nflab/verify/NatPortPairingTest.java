package io.nflab.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.lab.LabSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A source NAT port the kernel drew at random is compared as the emulator's choice only when the pairing is
 * consistent, in range and unique; otherwise the comparison fails.
 */
class NatPortPairingTest {
    private static final String MASQUERADE = "*nat\n-A POSTROUTING -s 192.168.10.0/24 -o eth0 -j MASQUERADE\nCOMMIT";
    private static final String FIRST = "tcp 6 9 CLOSE src=192.168.10.10 dst=203.0.113.50 sport=40000 dport=80 "
            + "src=203.0.113.50 dst=203.0.113.2 sport=80 dport=40000 mark=0 use=1";

    private static String second(int port) {
        return "tcp 6 9 CLOSE src=192.168.10.11 dst=203.0.113.50 sport=40000 dport=80 src=203.0.113.50 "
                + "dst=203.0.113.2 sport=80 dport=" + port + " mark=0 use=1";
    }

    private static SideRun run(String side, String rules, List<String> packets, String... conntrack) {
        List<Reception> at = packets.stream().map(p -> new Reception("server", "eth0", p)).toList();
        StepResult step = new StepResult(1, "send", Optional.empty(), Optional.empty(), at, Optional.empty());
        return new SideRun(side, List.of(step),
                Map.of("gw", new LabSnapshot.NodeState(rules, String.join("\n", conntrack))));
    }

    private static String syn(int port) {
        return "tcp 203.0.113.2:" + port + " > 203.0.113.50:80 flags S ttl 63";
    }

    private static String reset(int port) {
        return "tcp 203.0.113.2:" + port + " > 203.0.113.50:80 flags R seq 1 win 0 ttl 63 df";
    }

    private static String differences(SideRun kernel, SideRun nflab) {
        return Comparison.compare(kernel, nflab).stream().map(Difference::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void theKernelsRandomPortIsComparedAsTheEmulatorsWhereverTheConnectionUsesIt() {
        SideRun kernel = run("kernel", MASQUERADE, List.of(syn(27712), reset(27712)), FIRST, second(27712));
        SideRun nflab = run("nflab", MASQUERADE, List.of(syn(40001), reset(40001)), FIRST, second(40001));
        assertEquals("", differences(kernel, nflab));
        assertEquals(List.of("tcp 203.0.113.2:27712 (kernel) = 40001 (nflab)"),
                NatPortPairing.of(kernel, nflab).describe());
    }

    @Test
    void aLaterPacketOnAnotherPortIsADifference() {
        SideRun kernel = run("kernel", MASQUERADE, List.of(syn(27712), reset(27712)), FIRST, second(27712));
        SideRun nflab = run("nflab", MASQUERADE, List.of(syn(40001), reset(40002)), FIRST, second(40001));
        String report = differences(kernel, nflab);
        assertTrue(report.contains("packets received at server:eth0"), report);
        assertTrue(report.contains("203.0.113.2:40002"), report);
    }

    @Test
    void aPortOutOfTheKernelsRangeIsADifference() {
        SideRun kernel = run("kernel", MASQUERADE, List.of(syn(27712)), FIRST, second(27712));
        SideRun nflab = run("nflab", MASQUERADE, List.of(syn(800)), FIRST, second(800));
        String report = differences(kernel, nflab);
        assertTrue(report.contains("not in one NAT range"), report);
        assertTrue(report.contains("203.0.113.2:27712"), report);
    }

    @Test
    void anExplicitToPortsRangeBindsBothSides() {
        String ranged = MASQUERADE.replace("MASQUERADE", "MASQUERADE --to-ports 30000-30010");
        SideRun kernel = run("kernel", ranged, List.of(syn(30007)), FIRST, second(30007));
        assertEquals("", differences(kernel, run("nflab", ranged, List.of(syn(30001)), FIRST, second(30001))));
        assertTrue(differences(kernel, run("nflab", ranged, List.of(syn(40001)), FIRST, second(40001)))
                .contains("not in one NAT range"));
    }

    @Test
    void aPortTheKernelKeptIsNotPaired() {
        SideRun kernel = run("kernel", MASQUERADE, List.of(syn(40000)), second(40000));
        SideRun nflab = run("nflab", MASQUERADE, List.of(syn(40001)), second(40001));
        String report = differences(kernel, nflab);
        assertTrue(report.contains("gw: conntrack -L"), report);
        assertTrue(NatPortPairing.of(kernel, nflab).describe().isEmpty());
    }

    @Test
    void twoKernelPortsOnOneEmulatorPortAreNotUnique() {
        String third = second(27713).replace("192.168.10.11", "192.168.10.12");
        SideRun kernel = run("kernel", MASQUERADE, List.of(syn(27712), syn(27713)), FIRST, second(27712), third);
        SideRun nflab = run("nflab", MASQUERADE, List.of(syn(40001), syn(40001)), FIRST, second(40001),
                third.replace("27713", "40001"));
        String report = differences(kernel, nflab);
        assertEquals(2, report.split("\\(not unique\\)", -1).length - 1, report);
        assertTrue(NatPortPairing.of(kernel, nflab).describe().isEmpty());
    }

    @Test
    void anEmulatorPortTheKernelGaveAnotherConnectionIsNotUnique() {
        String own = second(40001).replace("192.168.10.11", "192.168.10.12").replace("sport=40000", "sport=40001");
        SideRun kernel = run("kernel", MASQUERADE, List.of(syn(27712)), FIRST, second(27712), own);
        SideRun nflab = run("nflab", MASQUERADE, List.of(syn(40001)), FIRST, second(40001), own);
        assertTrue(differences(kernel, nflab).contains("(not unique)"));
    }

    @Test
    void aQuotedPacketIsPairedByItsOwnProtocol() {
        SideRun kernel = run("kernel", MASQUERADE, List.of(), FIRST, second(27712));
        SideRun nflab = run("nflab", MASQUERADE, List.of(), FIRST, second(40001));
        NatPortPairing pairing = NatPortPairing.of(kernel, nflab);
        assertEquals("icmp 203.0.113.50 > 203.0.113.2 port-unreachable [tcp 203.0.113.2:40001 > 203.0.113.50:80 "
                + "flags S]", pairing.packet("icmp 203.0.113.50 > 203.0.113.2 port-unreachable "
                + "[tcp 203.0.113.2:27712 > 203.0.113.50:80 flags S]"));
        assertEquals("udp 203.0.113.2:27712 > 203.0.113.50:53", pairing.packet("udp 203.0.113.2:27712 > 203.0.113.50:53"));
    }
}
