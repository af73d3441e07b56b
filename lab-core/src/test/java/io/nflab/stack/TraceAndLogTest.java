package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.netfilter.eval.TraceEntry;
import io.nflab.packet.PacketText;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule-by-rule trace of a packet and the LOG target's kernel log lines, through the stack. */
class TraceAndLogTest {

    @Test
    void aTracedPacketReportsEveryChainItCrossed() {
        NetStack gw = NetStack.boot(TopologyLoader.load(Path.of("../topologies/port-forward/topology.yaml")), "gw");
        StackOutput out = gw.send(PacketText.parse("tcp 192.168.1.1:5000 > 192.168.1.2:8080 flags S"), 0, true);

        List<String> places = out.trace().stream().map(TraceEntry::place).map(Object::toString).toList();
        assertEquals(List.of("OUTPUT nat:OUTPUT:policy:1", "OUTPUT filter:OUTPUT:policy:1",
                "POSTROUTING nat:POSTROUTING:policy:1"), places);
        assertTrue(out.trace().get(0).line().startsWith("TRACE: nat:OUTPUT:policy:1 IN= OUT=eth1 "),
                out.trace().get(0).line());
        assertTrue(gw.send(PacketText.parse("tcp 192.168.1.1:5001 > 192.168.1.2:8080 flags S"), 0).trace()
                .isEmpty());
    }

    @Test
    void logLinesGoToTheOutputAndToDmesg() {
        NetStack gw = NetStack.boot(TopologyLoader.load(Path.of("../topologies/port-forward/topology.yaml")), "gw");
        assertEquals(0, gw.command(List.of("iptables", "-I", "OUTPUT", "-j", "LOG", "--log-prefix", "out: "), "", 0)
                .exitCode());

        StackOutput out = gw.send(PacketText.parse("udp 192.168.1.1:5000 > 192.168.1.2:53"), 0);

        assertEquals(1, out.log().size(), out.log()::toString);
        assertTrue(out.log().get(0).startsWith("out: IN= OUT=eth1 SRC=192.168.1.1 DST=192.168.1.2 LEN=28 "),
                out.log().get(0));
        assertEquals("[    0.000000] " + out.log().get(0) + "\n", gw.command(List.of("dmesg"), "", 0).stdout());
    }

    @Test
    void dmesgStampsEachLineWithTheLabTimeItWasWrittenAt() {
        NetStack gw = NetStack.boot(TopologyLoader.load(Path.of("../topologies/port-forward/topology.yaml")), "gw");
        gw.command(List.of("iptables", "-I", "OUTPUT", "-j", "LOG", "--log-prefix", "out: "), "", 0);
        long later = 12_345_678_901L;
        StackOutput first = gw.send(PacketText.parse("udp 192.168.1.1:5000 > 192.168.1.2:53"), later);
        long much = 123_456L * 1_000_000_000L + 7_000L;
        StackOutput second = gw.send(PacketText.parse("udp 192.168.1.1:5001 > 192.168.1.2:53"), much);

        String dmesg = gw.command(List.of("dmesg"), "", much).stdout();
        assertEquals("[   12.345678] " + first.log().get(0) + "\n[123456.000007] " + second.log().get(0) + "\n", dmesg);
        assertEquals(List.of(first.log().get(0), second.log().get(0)), gw.kernelLog(), "the lines themselves");
    }
}
