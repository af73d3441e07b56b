package io.nflab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kernel does with packets it cannot deliver: a host h (OUTPUT drops one address, an
 * {@code unreachable} route, a UDP service on 53) behind a router r. Needs root; skipped elsewhere.
 */
class KernelLabSendTest {

    private static final String TOPOLOGY = """
            name: edge
            segments: { lan: {}, far: {} }
            nodes:
              h:
                kind: host
                interfaces: { eth0: { segment: lan, address: 10.0.0.1/24 } }
                routes: [ "198.51.100.0/24 via 10.0.0.254", "unreachable 192.0.2.0/24" ]
                rules: |
                  *filter
                  :INPUT ACCEPT [0:0]
                  :FORWARD ACCEPT [0:0]
                  :OUTPUT ACCEPT [0:0]
                  -A OUTPUT -d 198.51.100.7/32 -j DROP
                  COMMIT
                services: [ { proto: udp, port: 53, app: dns } ]
              r:
                kind: gateway
                interfaces:
                  eth0: { segment: lan, address: 10.0.0.254/24 }
                  eth1: { segment: far, address: 198.51.100.1/24 }
            """;

    @TempDir
    static Path dir;

    private static KernelLab lab;

    @BeforeAll
    static void start() throws IOException {
        NetnsAvailability.assumeKernelLab();
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, TOPOLOGY);
        lab = KernelLab.start(TopologyLoader.load(file));
    }

    @AfterAll
    static void close() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aDropInOutputFailsTheSendWithEperm() {
        Observation o = lab.send("h", PacketText.parse("udp 10.0.0.1:5000 > 198.51.100.7:53"));

        assertEquals("EPERM (Operation not permitted)", o.failure().orElseThrow().toString());
        assertEquals(List.of(), o.sent("h", "eth0"), o::toString);
    }

    @Test
    void routesDecideBeforeAnythingIsSent() {
        Observation unreachable = lab.send("h", PacketText.parse("udp 10.0.0.1:5000 > 192.0.2.1:53"));
        Observation noRoute = lab.send("h", PacketText.parse("udp 10.0.0.1:5000 > 203.0.113.5:53"));

        assertEquals("EHOSTUNREACH", unreachable.failure().orElseThrow().errno(), unreachable::toString);
        assertEquals("ENETUNREACH", noRoute.failure().orElseThrow().errno(), noRoute::toString);
        assertEquals(List.of(), unreachable.frames());
        assertEquals(List.of(), noRoute.frames());
    }

    /** Linux sends ICMP errors with TOS 0xc0 (precedence "internetwork control") and quotes the original's ID. */
    @Test
    void aClosedUdpPortAnswersPortUnreachableAndAServiceDoesNot() {
        Ipv4Packet toClosed = PacketText.parse("udp 10.0.0.254:5000 > 10.0.0.1:54 len 4");
        Observation closed = lab.send("r", toClosed);
        Observation open = lab.send("r", PacketText.parse("udp 10.0.0.254:5000 > 10.0.0.1:53 len 4"));

        assertEquals(1, closed.returnedToSender().size(), closed::toString);
        Ipv4Packet error = closed.returnedToSender().get(0);
        assertEquals(IcmpType.DESTINATION_UNREACHABLE, ((IcmpError) error.transport()).type());
        assertTrue(PacketNormalizer.equivalent(
                PacketText.parse("icmp 10.0.0.1 > 10.0.0.254 port-unreachable tos 0xc0 [udp 10.0.0.254:5000 > 10.0.0.1:54 len 4]"),
                error), closed::toString);
        assertEquals(List.of(), open.returnedToSender(), open::toString);
    }

    /** Three broadcast ARP requests a second apart, then the router tells the sender (about 3 s in all). */
    @Test
    void aNeighbourThatNeverAnswersEndsInHostUnreachableAfterThreeArpRequests() {
        Observation o = lab.send("h", PacketText.parse("udp 10.0.0.1:5000 > 198.51.100.99:53"),
                new Settle(Duration.ofMillis(1500), Duration.ofSeconds(6)));

        long requests = o.at("r", "eth1").stream().filter(f -> f.direction() == Direction.OUT).count();
        assertEquals(3, requests, o::toString);
        List<Ipv4Packet> back = o.returnedToSender();
        assertEquals(1, back.size(), o::toString);
        assertTrue(PacketNormalizer.equivalent(PacketText.parse(
                "icmp 10.0.0.254 > 10.0.0.1 host-unreachable tos 0xc0 [udp 10.0.0.1:5000 > 198.51.100.99:53 ttl 63]"),
                back.get(0)), o::toString);
    }
}
