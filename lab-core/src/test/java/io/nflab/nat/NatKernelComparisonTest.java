package io.nflab.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.kernel.KernelLab;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.Observation;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatRange;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kernel is the ground truth: small labs (clients, a NAT gateway, a server) in throwaway
 * namespaces get the same packets as {@link TestGateway}; the NATed headers the server receives and the
 * gateway's conntrack tuples must be what this layer computes. Where the kernel chooses at random (a port
 * that must change) the test checks the kernel's choice is a free port of the right band and substitutes
 * it before comparing the rest. Needs root and namespaces; skipped with the reason elsewhere.
 */
class NatKernelComparisonTest {
    private static final Pattern TUPLES = Pattern.compile(
            "src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+) (?:\\[UNREPLIED\\] )?src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+)");

    @TempDir
    Path dir;

    private Path lab(String rules) throws IOException {
        Files.writeString(dir.resolve("gw.rules"), rules);
        Files.writeString(dir.resolve("topology.yaml"), """
                name: nat-compare
                segments: { lan: {}, wan: {} }
                nodes:
                  client1:
                    kind: host
                    interfaces: { eth0: { segment: lan, address: 10.0.0.2/24 } }
                    routes: [ "default via 10.0.0.1" ]
                    services: [ { proto: tcp, port: 80, app: http } ]
                  client2:
                    kind: host
                    interfaces: { eth0: { segment: lan, address: 10.0.0.3/24 } }
                    routes: [ "default via 10.0.0.1" ]
                  gw:
                    kind: gateway
                    interfaces:
                      eth0: { segment: wan, address: 203.0.113.1/24 }
                      eth1: { segment: lan, address: 10.0.0.1/24 }
                    firewall: gw.rules
                  server:
                    kind: host
                    interfaces: { eth0: { segment: wan, address: 203.0.113.5/24 } }
                    routes: [ "default via 203.0.113.1" ]
                    services: [ { proto: tcp, port: 80, app: http } ]
                """);
        return dir.resolve("topology.yaml");
    }

    private static String natRules(String... postrouting) {
        StringBuilder out = new StringBuilder("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n");
        for (String rule : postrouting) {
            out.append("-A POSTROUTING ").append(rule).append('\n');
        }
        return out.append("COMMIT\n").toString();
    }

    @Test
    void twoClientsWithTheSameSourcePortBehindMasquerade() throws IOException {
        NetnsAvailability.assumeKernelLab();
        TestGateway model = new TestGateway().address("eth0", "203.0.113.1/24").address("eth1", "10.0.0.1/24")
                .rule(Hook.POSTROUTING, p -> NatVerdict.bind(new MasqueradeTarget(NatRange.NONE, false, false)));
        try (KernelLab lab = KernelLab.start(TopologyLoader.load(lab(natRules("-o eth0 -j MASQUERADE"))))) {
            Ipv4Packet first = PacketText.parse("tcp 10.0.0.2:40000 > 203.0.113.5:80 flags S seq 1");
            Ipv4Packet second = PacketText.parse("tcp 10.0.0.3:40000 > 203.0.113.5:80 flags S seq 1");

            Ipv4Packet kernelFirst = synAt(lab.send("client1", first), "server");
            Ipv4Packet kernelSecond = synAt(lab.send("client2", second), "server");
            Ipv4Packet modelFirst = model.forward(first, "eth1", "eth0", "203.0.113.5").packet();
            Ipv4Packet modelSecond = model.forward(second, "eth1", "eth0", "203.0.113.5").packet();

            assertEquals(modelFirst.toString(), strip(kernelFirst).toString(), "the first keeps its port");
            int kernelPort = ((TcpSegment) kernelSecond.transport()).sourcePort();
            assertNotEquals(40000, kernelPort);
            assertTrue(kernelPort >= 1024, "port " + kernelPort);
            assertEquals(substitutePort(modelSecond, kernelPort).toString(), strip(kernelSecond).toString());

            List<String> kernelTuples = tuples(lab.conntrackList("gw").stdout());
            int modelPort = ((TcpSegment) modelSecond.transport()).sourcePort();
            List<String> modelTuples = tuples(model.conntrack()).stream()
                    .map(t -> t.replace("dport=" + modelPort, "dport=" + kernelPort)).toList();
            assertEquals(sorted(modelTuples), sorted(kernelTuples));
        }
    }

    @Test
    void anAddressRangeGivesEachClientTheAddressTheKernelHashes() throws IOException {
        NetnsAvailability.assumeKernelLab();
        TestGateway model = new TestGateway().rule(Hook.POSTROUTING,
                p -> NatBindingTest.snat("203.0.113.10", "203.0.113.13", false));
        String rules = natRules("-o eth0 -j SNAT --to-source 203.0.113.10-203.0.113.13");
        try (KernelLab lab = KernelLab.start(TopologyLoader.load(lab(rules)))) {
            for (int i = 0; i < 6; i++) {
                String client = i % 2 == 0 ? "client1" : "client2";
                String source = i % 2 == 0 ? "10.0.0.2" : "10.0.0.3";
                Ipv4Packet packet = PacketText.parse("udp " + source + ":" + (5000 + i) + " > 203.0.113.5:" + (53 + i)
                        + " len 4");
                Observation seen = lab.send(client, packet);
                Ipv4Packet kernel = seen.received("server", "eth0").stream()
                        .filter(p -> p.protocol().number() == 17).findFirst().orElseThrow(() -> new AssertionError(seen.toString()));
                Ipv4Packet modelled = model.forward(packet, "eth1", "eth0", "203.0.113.5").packet();
                assertEquals(modelled.toString(), strip(kernel).toString(), "flow " + i);
            }
            assertEquals(sorted(tuples(model.conntrack())), sorted(tuples(lab.conntrackList("gw").stdout())));
        }
    }

    @Test
    void thePortForwardOfTheSeedMatchesTheKernelsEntry() throws IOException {
        NetnsAvailability.assumeKernelLab();
        String rules = "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + ":POSTROUTING ACCEPT [0:0]\n"
                + "-A PREROUTING -i eth0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.0.0.2:80\n"
                + "COMMIT\n";
        TestGateway model = new TestGateway().rule(Hook.PREROUTING, p -> p.transport() instanceof TcpSegment tcp
                && tcp.destinationPort() == 8080 ? NatBindingTest.dnat("10.0.0.2", 80) : NatVerdict.ACCEPT);
        try (KernelLab lab = KernelLab.start(TopologyLoader.load(lab(rules)))) {
            Ipv4Packet syn = PacketText.parse("tcp 203.0.113.5:53867 > 203.0.113.1:8080 flags S seq 1");
            Observation seen = lab.send("server", syn);
            Ipv4Packet kernel = synAt(seen, "client1");
            Ipv4Packet modelled = model.forward(syn, "eth0", "eth1", "10.0.0.2").packet();

            assertEquals(modelled.toString(), strip(kernel).toString());
            assertEquals(tuples(model.conntrack()), tuples(lab.conntrackList("gw").stdout()));
        }
    }

    private static Ipv4Packet synAt(Observation seen, String node) {
        return seen.received(node, "eth0").stream()
                .filter(p -> p.transport() instanceof TcpSegment tcp && tcp.flags().bits() == 0x02)
                .findFirst().orElseThrow(() -> new AssertionError("no SYN reached " + node + ":\n" + seen));
    }

    /** The fields the model decides: the kernel's TTL decrement and random IP id are not NAT's. */
    private static Ipv4Packet strip(Ipv4Packet kernel) {
        return kernel.toBuilder().ttl(64).identification(0).dontFragment(false).build();
    }

    private static Ipv4Packet substitutePort(Ipv4Packet packet, int port) {
        TcpSegment tcp = (TcpSegment) packet.transport();
        return packet.withTransport(tcp.withPorts(port, tcp.destinationPort()));
    }

    /** Each entry's original and reply tuple, as {@code conntrack -L} prints them. */
    private static List<String> tuples(String listing) {
        List<String> out = new ArrayList<>();
        Matcher m = TUPLES.matcher(listing);
        while (m.find()) {
            out.add("src=" + m.group(1) + " dst=" + m.group(2) + " sport=" + m.group(3) + " dport=" + m.group(4)
                    + " src=" + m.group(5) + " dst=" + m.group(6) + " sport=" + m.group(7) + " dport=" + m.group(8));
        }
        return out;
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }
}
