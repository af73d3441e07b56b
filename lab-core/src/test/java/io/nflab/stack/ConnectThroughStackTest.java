package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.lab.Activity;
import io.nflab.lab.Hop;
import io.nflab.lab.LabTesting;
import io.nflab.lab.LocalLab;
import io.nflab.socket.Outcome;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A whole TCP exchange through the port forward, the client's and web's own sockets talking. */
class ConnectThroughStackTest {
    private final LocalLab lab = LocalLab.start(TopologyLoader.load(Path.of("../topologies/port-forward/topology.yaml")));

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void httpThroughThePortForward() {
        Activity connect = lab.command("client", List.of("connect", "203.0.113.1", "80"), "GET / HTTP/1.0\r\n\r\n");

        assertEquals(Optional.of(Outcome.ESTABLISHED), connect.outcome());
        assertTrue(connect.stdout().startsWith("HTTP/1."), connect.stdout());

        String conntrack = LabTesting.run(lab, "gw", "", "conntrack", "-L");
        assertTrue(conntrack.contains("dport=80 src=192.168.1.2 dst=203.0.113.10 sport=8080"), conntrack);
        assertTrue(conntrack.contains("[ASSURED]"), conntrack);
        String forward = LabTesting.run(lab, "gw", "", "iptables", "-L", "FORWARD", "-v", "-n", "-x");
        assertTrue(forward.contains("policy DROP 0 packets"), forward);
    }

    @Test
    void aNodeTalksToItselfOverLoopback() {
        Activity refused = lab.command("gw", List.of("connect", "127.0.0.1", "80"), "");
        assertEquals(Optional.of(Outcome.REFUSED), refused.outcome(), refused.packets()::toString);

        Activity web = lab.command("web", List.of("connect", "192.168.1.2", "8080"), "");
        assertEquals(Optional.of(Outcome.ESTABLISHED), web.outcome());
        for (Activity activity : List.of(refused, web)) {
            List<Hop> onTheWire = activity.packets().stream().flatMap(p -> p.trace().stream())
                    .filter(h -> h.hook().equals(Hop.WIRE) && !h.inInterface().equals("lo") && !h.outInterface().equals("lo"))
                    .toList();
            assertEquals(List.of(), onTheWire, "nothing went on the wire");
        }
    }
}
