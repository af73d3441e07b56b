package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.app.ConnectClient;
import io.nflab.packet.Bytes;
import io.nflab.socket.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A whole TCP exchange through the port forward, the client's and web's own sockets talking. */
class ConnectThroughStackTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void httpThroughThePortForward() {
        TestLab lab = TestLab.load(Path.of("../topologies/port-forward/topology.yaml"));
        ConnectClient client = ConnectClient.start(lab.node("client").sockets(), Ipv4Address.parse("203.0.113.1"),
                "203.0.113.1", 80, Bytes.of("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                ConnectClient.DEFAULT_IDLE, lab.now);
        lab.flush("client");
        lab.advance(5 * SECOND);

        assertTrue(client.isFinished());
        assertEquals(Outcome.ESTABLISHED, client.outcome());
        String answer = new String(client.response().toArray(), StandardCharsets.US_ASCII);
        assertTrue(answer.startsWith("HTTP/1."), answer);

        String conntrack = lab.run("gw", "conntrack", "-L");
        assertTrue(conntrack.contains("dport=80 src=192.168.1.2 dst=203.0.113.10 sport=8080"), conntrack);
        assertTrue(conntrack.contains("[ASSURED]"), conntrack);
        String forward = lab.run("gw", "iptables", "-L", "FORWARD", "-v", "-n", "-x");
        assertTrue(forward.contains("policy DROP 0 packets"), forward);
    }

    @Test
    void aNodeTalksToItselfOverLoopback() {
        TestLab lab = TestLab.load(Path.of("../topologies/port-forward/topology.yaml"));
        ConnectClient client = ConnectClient.start(lab.node("gw").sockets(), Ipv4Address.parse("127.0.0.1"), 80,
                lab.now);
        lab.flush("gw");
        lab.advance(5 * SECOND);

        assertEquals(Outcome.REFUSED, client.outcome(), lab.fatesAt("gw")::toString);
        ConnectClient web = ConnectClient.start(lab.node("web").sockets(), Ipv4Address.parse("192.168.1.2"), 8080,
                lab.now);
        lab.flush("web");
        lab.advance(5 * SECOND);
        assertEquals(Outcome.ESTABLISHED, web.outcome());
        assertTrue(lab.received.stream().noneMatch(r -> r.node().equals("web") || r.node().equals("gw")
                && r.iface().equals("eth1")), "nothing went on the wire");
    }
}
