package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.UserInputException;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import io.nflab.scenario.Fault;
import io.nflab.stack.Fate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link LocalLab#sendAll}: packets written at one lab instant, on port-forward. */
class LocalLabBatchTest {

    private static Ipv4Packet syn(int sourcePort) {
        return PacketText.parse("tcp 203.0.113.10:" + sourcePort + " > 203.0.113.1:80 flags S");
    }

    private static List<Ipv4Packet> syns(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(LocalLabBatchTest::syn).toList();
    }

    @Test
    void everyPacketOfABatchIsCreatedAtTheSameInstantAndGoesItsWay() {
        try (LocalLab lab = LocalLab.start(LocalLabTest.PORT_FORWARD)) {
            Activity activity = lab.sendAll("client", syns(40_000, 5));

            List<PacketStory> sent = activity.packets().stream().filter(p -> p.origin().equals("client")
                    && p.causeId() == 0).toList();
            assertEquals(5, sent.size(), () -> "packets " + activity.packets());
            for (int i = 0; i < sent.size(); i++) {
                PacketStory syn = sent.get(i);
                assertEquals(0, syn.createdNanos());
                assertEquals(40_000 + i, ((TcpSegment) syn.packet().transport()).sourcePort());
                Fate.Delivered delivered = (Fate.Delivered) syn.ends().get(0);
                assertEquals("web", delivered.node());
                assertEquals(8080, ((TcpSegment) delivered.packet().transport()).destinationPort());
                long id = syn.id();
                assertTrue(activity.packets().stream().anyMatch(p -> p.causeId() == id && p.origin().equals("web")),
                        () -> "web answers SYN " + id);
            }
            assertEquals(activity.endNanos(), lab.clock());
        }
    }

    @Test
    void aBatchOfOneIsASend() {
        try (LocalLab batched = LocalLab.start(LocalLabTest.PORT_FORWARD);
             LocalLab single = LocalLab.start(LocalLabTest.PORT_FORWARD)) {
            for (int port = 40_000; port < 40_003; port++) {
                assertEquals(single.send("client", syn(port)), batched.sendAll("client", List.of(syn(port))));
            }
        }
    }

    @Test
    void anEmptyBatchDoesNothing() {
        try (LocalLab lab = LocalLab.start(LocalLabTest.PORT_FORWARD)) {
            Activity activity = lab.sendAll("client", List.of());
            assertEquals(List.of(), activity.packets());
            assertEquals(0, activity.endNanos());
        }
    }

    @Test
    void aCrashedNodeSendsNothingAndUnknownNodesAreRefused() {
        try (LocalLab lab = LocalLab.start(LocalLabTest.PORT_FORWARD)) {
            lab.fault(new Fault.Crash("client"));
            Activity activity = lab.sendAll("client", syns(40_000, 2));
            assertEquals(1, activity.exitCode());
            assertEquals("nflab: client is down (crashed)\n", activity.stderr());
            assertEquals(List.of(), activity.packets());
            assertThrows(UserInputException.class, () -> lab.sendAll("router", syns(40_000, 1)));
        }
    }
}
