package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the kernel's TCP transition table, driven through the table: an entry in the cell's state
 * (made like {@code conntrack -I}, having seen a reply) gets one segment of the cell's kind from the cell's
 * direction. The expected cells are the kernel's {@code tcp_conntracks} as printed in
 * net/netfilter/nf_conntrack_proto_tcp.c (Linux 6.x): sIV makes the packet INVALID, sIG lets it through
 * unchanged, a SYN that would go back to SYN_SENT from TIME_WAIT or CLOSE reopens the connection (the old
 * entry goes, the packet starts a new one).
 */
class TcpTransitionTableTest {
    private static final String KERNEL_TABLE = """
            ORIGINAL sNO sSS sSR sES sFW sCW sLA sTW sCL sS2
            syn      sSS sSS sIG sIG sIG sIG sIG sSS sSS sS2
            synack   sIV sIV sSR sIV sIV sIV sIV sIV sIV sSR
            fin      sIV sIV sFW sFW sLA sLA sLA sTW sCL sIV
            ack      sES sIV sES sES sCW sCW sTW sTW sCL sIV
            rst      sIV sCL sCL sCL sCL sCL sCL sCL sCL sCL
            REPLY    sNO sSS sSR sES sFW sCW sLA sTW sCL sS2
            syn      sIV sS2 sIV sIV sIV sIV sIV sSS sIV sS2
            synack   sIV sSR sIG sIG sIG sIG sIG sIG sIG sSR
            fin      sIV sIV sFW sFW sLA sLA sLA sTW sCL sIV
            ack      sIV sIG sSR sES sCW sCW sTW sTW sCL sIG
            rst      sIV sCL sCL sCL sCL sCL sCL sCL sCL sCL
            """;
    private static final String[] STATE_CODES = {"sNO", "sSS", "sSR", "sES", "sFW", "sCW", "sLA", "sTW", "sCL", "sS2"};
    private static final ConntrackTuple ORIGINAL = ConntrackTuple.of(6, ProbeScenario.A, ProbeScenario.B, 40000, 80);

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        boolean reply = false;
        for (String line : KERNEL_TABLE.strip().split("\n")) {
            String[] words = line.trim().split(" +");
            if (words[0].equals("ORIGINAL") || words[0].equals("REPLY")) {
                reply = words[0].equals("REPLY");
                continue;
            }
            for (int state = 0; state < STATE_CODES.length; state++) {
                cells.add(Arguments.of(reply ? "REPLY" : "ORIGINAL", words[0], TcpState.values()[state],
                        words[state + 1]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} in {2} -> {3}")
    @MethodSource("cells")
    void behavesAsTheKernelTableSays(String direction, String kind, TcpState state, String expected) {
        ConntrackTable table = new ConntrackTable();
        ConntrackEntry entry = table.insertCreated(ORIGINAL, ORIGINAL.invert().orElseThrow(), 0,
                ConntrackStatus.SEEN_REPLY, 100_000_000_000L, 0, state, 0);
        boolean fromReply = direction.equals("REPLY");
        int flags = switch (kind) {
            case "syn" -> TcpFlagBits.SYN;
            case "synack" -> TcpFlagBits.SYN | TcpFlagBits.ACK;
            case "fin" -> TcpFlagBits.FIN | TcpFlagBits.ACK;
            case "ack" -> TcpFlagBits.ACK;
            default -> TcpFlagBits.RST;
        };
        ConntrackPacket packet = fromReply
                ? ConntrackPacket.tcp(ProbeScenario.B, ProbeScenario.A, 80, 40000, flags, 0, 40)
                : ConntrackPacket.tcp(ProbeScenario.A, ProbeScenario.B, 40000, 80, flags, 0, 40);
        ConntrackResult result = table.track(packet, 1_000_000_000L);
        table.confirm(result, 1_000_000_000L);

        switch (expected) {
            case "sIV" -> {
                assertEquals(CtState.INVALID, result.state());
                assertEquals(state, entry.tcpState().orElseThrow());
            }
            case "sIG" -> {
                assertTrue(result.tracked());
                assertEquals(state, entry.tcpState().orElseThrow());
            }
            case "sSS" -> {
                if (state.ordinal() >= TcpState.TIME_WAIT.ordinal()) {
                    assertEquals(CtState.NEW, result.state(), "a SYN reopens the connection");
                    assertFalse(table.entries(1_000_000_000L).contains(entry));
                    assertEquals(TcpState.SYN_SENT, result.entry().tcpState().orElseThrow());
                } else {
                    assertEquals(TcpState.SYN_SENT, entry.tcpState().orElseThrow());
                }
            }
            default -> {
                assertTrue(result.tracked());
                assertEquals(result.entry(), entry);
                assertEquals(TcpState.values()[List.of(STATE_CODES).indexOf(expected)], entry.tcpState().orElseThrow());
            }
        }
    }
}
