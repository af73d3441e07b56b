package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.MacAddress;
import io.nflab.kernel.NodeInterface;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.PacketText;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SegmentSwitchTest {
    private static final NodeInterface A = new NodeInterface("a", "eth0");
    private static final NodeInterface B = new NodeInterface("b", "eth0");
    private static final NodeInterface C = new NodeInterface("c", "eth1");
    private static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:00:0a");
    private static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:00:0b");

    private static LabFrame frame(MacAddress to, MacAddress from, long sequence) {
        return new LabFrame(1, 0, "x", "eth0", sequence, 0,
                new EthernetFrame(to, from, PacketText.parse("udp 10.0.0.1:1 > 10.0.0.2:2")));
    }

    @Test
    void floodsUnknownAndBroadcastDestinationsAndLearnsSources() {
        SegmentSwitch lan = new SegmentSwitch("lan", List.of(A, B, C));
        assertEquals(List.of(B, C), lan.carry(A, frame(MacAddress.BROADCAST, MAC_A, 0)).to());
        assertEquals(List.of(A, C), lan.carry(B, frame(MacAddress.parse("02:00:00:00:00:0c"), MAC_B, 1)).to(), "unknown: flooded");
        assertEquals(List.of(A), lan.carry(B, frame(MAC_A, MAC_B, 2)).to(), "learnt from the broadcast");
        assertEquals(List.of(B), lan.carry(A, frame(MAC_B, MAC_A, 3)).to(), "learnt from B's frames");
        assertEquals(List.of(B, C), lan.carry(A, frame(MacAddress.BROADCAST, MAC_A, 3)).to());
    }

    @Test
    void lossIsTheSameShareOfTheSameFramesEveryTime() {
        SegmentSwitch first = new SegmentSwitch("lan", List.of(A, B));
        SegmentSwitch second = new SegmentSwitch("lan", List.of(A, B));
        first.loss(30);
        second.loss(30);
        List<Boolean> lost = IntStream.range(0, 1000)
                .mapToObj(i -> first.carry(A, frame(MacAddress.BROADCAST, MAC_A, i)).lost()).toList();
        assertEquals(lost, IntStream.range(0, 1000)
                .mapToObj(i -> second.carry(A, frame(MacAddress.BROADCAST, MAC_A, i)).lost()).toList());
        long count = lost.stream().filter(x -> x).count();
        assertTrue(count > 250 && count < 350, "lost " + count);
        first.loss(0);
        assertTrue(IntStream.range(0, 100).noneMatch(i -> first.carry(A, frame(MacAddress.BROADCAST, MAC_A, i)).lost()));
    }
}
