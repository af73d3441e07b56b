package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Printing of fields the recorded fixtures do not show: helper, offload flags, zones in /proc, NAT in save output. */
class ConntrackFormatTest {
    private final ConntrackTable table = new ConntrackTable();
    private final ConntrackTuple original = ConntrackTuple.of(6, 0x0a000001, 0x0a000002, 1234, 21);

    private ConntrackEntry create(int zone, int status) {
        return table.insertCreated(original, original.invert().orElseThrow(), zone, status, 10 * Flows.SECOND, 3,
                TcpState.ESTABLISHED, 0);
    }

    @Test
    void helperAndZoneFollowTheMark() {
        ConntrackEntry entry = create(5, ConntrackStatus.SEEN_REPLY | ConntrackStatus.ASSURED);
        entry.setHelper("ftp");
        assertEquals("ipv4     2 tcp      6 10 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1234 dport=21 "
                + "src=10.0.0.2 dst=10.0.0.1 sport=21 dport=1234 [ASSURED] mark=3 zone=5 helper=ftp use=1 id=1",
                ConntrackFormat.conntrackLine(entry, 0, true, true));
        assertEquals("ipv4     2 tcp      6 10 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1234 dport=21 "
                + "src=10.0.0.2 dst=10.0.0.1 sport=21 dport=1234 [ASSURED] mark=3 zone=5 use=2\n",
                ConntrackFormat.procLine(entry, 0));
    }

    @Test
    void offloadOutranksAssured() {
        ConntrackEntry entry = create(0, ConntrackStatus.SEEN_REPLY | ConntrackStatus.ASSURED
                | ConntrackStatus.OFFLOAD);
        assertEquals("tcp      6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1234 dport=21 src=10.0.0.2 "
                + "dst=10.0.0.1 sport=21 dport=1234 [OFFLOAD] mark=3 use=1",
                ConntrackFormat.conntrackLine(entry, Flows.SECOND / 2, false, false));
    }

    @Test
    void markIsUnsigned() {
        create(0, 0).setMark(-1);
        assertEquals(true, ConntrackFormat.procNfConntrack(table, 0).contains(" mark=4294967295 "));
    }

    @Test
    void statusNames() {
        assertEquals("SEEN_REPLY,ASSURED,CONFIRMED", ConntrackStatus.names(0b1110));
        assertEquals("", ConntrackStatus.names(0));
    }
}
