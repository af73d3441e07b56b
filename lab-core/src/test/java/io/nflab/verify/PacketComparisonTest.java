package io.nflab.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpError;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.QuotedDatagram;
import io.nflab.packet.WireFormat;
import org.junit.jupiter.api.Test;

/** What a kernel comparison leaves out of a packet: IP ids, a SYN-ACK's sequence number, quoted checksums. */
class PacketComparisonTest {
    private static final String SYN_ACK = "tcp 10.1.0.1:22 > 10.1.0.2:37467 flags SA seq 3593835264 ack 987165 "
            + "opts mss=1460 df";

    @Test
    void aSynAcksSequenceNumberAndTheIpIdAreLeftOut() {
        assertEquals("tcp 10.1.0.1:22 > 10.1.0.2:37467 flags SA ack 987165 opts mss=1460 df",
                PacketComparison.describe(PacketText.parse(SYN_ACK + " ipid 77")));
    }

    @Test
    void aQuotedSegmentIsReadWhateverItsChecksumAndItsSequenceLeftOut() {
        Ipv4Packet error = PacketText.parse("icmp 10.1.0.1 > 10.1.0.1 port-unreachable tos 0xc0 [" + SYN_ACK + "]");
        IcmpError icmp = (IcmpError) error.transport();
        byte[] quoted = icmp.quote().data().toArray();
        quoted[16] ^= 0x5a; // the TCP checksum, still partial as the kernel quotes its own segments
        Ipv4Packet partial = error.withTransport(icmp.withQuote(new QuotedDatagram(icmp.quote().header(),
                Bytes.of(quoted))));
        String expected = "icmp 10.1.0.1 > 10.1.0.1 port-unreachable tos 0xc0 [tcp 10.1.0.1:22 > 10.1.0.2:37467 "
                + "flags SA ack 987165 opts mss=1460 df]";
        assertEquals(expected, PacketComparison.describe(partial));
        assertEquals(expected, PacketComparison.describe(WireFormat.decodeIpv4(WireFormat.encode(error))));
    }
}
