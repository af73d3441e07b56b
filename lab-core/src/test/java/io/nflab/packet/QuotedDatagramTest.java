package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotedDatagramTest {
    private static final Ipv4Address NEW_ADDRESS = Ipv4Address.parse("192.168.1.2");

    @Test
    void linuxQuotesAtMost548BytesFromTheHeader() {
        QuotedDatagram small = QuotedDatagram.of(PacketText.parse("udp 10.0.0.2:1 > 10.0.0.1:2 len 40"));
        assertTrue(small.isComplete());
        assertEquals(68, small.length());
        QuotedDatagram big = QuotedDatagram.of(PacketText.parse("tcp 10.0.0.2:1 > 10.0.0.1:2 len 1460"));
        assertFalse(big.isComplete());
        assertEquals(548, big.length());
        assertEquals(1500, big.header().totalLength());
        assertEquals(1, big.sourcePort());
        assertEquals(2, big.destinationPort());
        QuotedDatagram rfc792 = QuotedDatagram.of(PacketText.parse("tcp 10.0.0.2:1 > 10.0.0.1:2"), 28);
        assertEquals(8, rfc792.data().length());
    }

    @Test
    void quotesWithoutPortsSaySo() {
        QuotedDatagram gre = QuotedDatagram.of(PacketText.parse("gre 10.0.0.2 > 10.0.0.1 len 20"));
        assertFalse(gre.hasPorts());
        assertEquals("the quoted gre datagram shows no ports",
                assertThrows(IllegalStateException.class, gre::sourcePort).getMessage());
        QuotedDatagram fragment = QuotedDatagram.of(PacketText.parse("proto tcp 10.0.0.2 > 10.0.0.1 frag 10 len 20"));
        assertFalse(fragment.hasPorts());
        assertEquals(NEW_ADDRESS, gre.rewriteSource(NEW_ADDRESS).header().source());
        QuotedDatagram sctp = QuotedDatagram.of(PacketText.parse("sctp 10.0.0.2 > 10.0.0.1 len 20"));
        assertThrows(UnsupportedOperationException.class, () -> sctp.rewriteDestination(NEW_ADDRESS));
    }

    @Test
    void refusesQuotesLongerThanTheDatagram() {
        Ipv4Header header = PacketText.parse("udp 10.0.0.2:1 > 10.0.0.1:2").header();
        assertEquals("a quote of 29 bytes is longer than the quoted datagram (total length 28)",
                assertThrows(IllegalArgumentException.class, () -> new QuotedDatagram(header, Bytes.zeros(9)))
                        .getMessage());
    }

    /** On complete quotes the kernel's incremental update must give the checksum a full recomputation gives. */
    @Test
    void rewritingACompleteQuoteKeepsItsChecksumRight() {
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            Ipv4Packet original = portPacket(random);
            Ipv4Address address = Ipv4Address.of(random.nextInt());
            int port = random.nextInt(65536);
            boolean source = random.nextBoolean();
            QuotedDatagram quote = QuotedDatagram.of(original, 65535);
            QuotedDatagram rewritten = source ? quote.rewriteSource(address, port) : quote.rewriteDestination(address, port);
            PortTransport ports = (PortTransport) original.transport();
            Ipv4Packet expected = source
                    ? original.withSource(address).withTransport(ports.withPorts(port, ports.destinationPort()))
                    : original.withDestination(address).withTransport(ports.withPorts(ports.sourcePort(), port));
            assertEquals(QuotedDatagram.of(expected, 65535), rewritten, original::toString);
        }
    }

    private static Ipv4Packet portPacket(Random random) {
        Ipv4Packet packet;
        do {
            packet = PacketSamples.random(random);
        } while (!(packet.transport() instanceof PortTransport));
        return packet;
    }

    @Test
    void rewritingAnEightByteTcpQuoteChangesOnlyThePort() {
        Ipv4Packet original = PacketText.parse("tcp 10.0.0.2:1000 > 10.0.0.1:80 flags S");
        QuotedDatagram quote = QuotedDatagram.of(original, 28).rewriteDestination(NEW_ADDRESS, 8080);
        assertEquals(NEW_ADDRESS, quote.header().destination());
        assertEquals("03e81f9000000000", quote.data().toHex());
    }

    @Test
    void aUdpQuoteWithoutChecksumKeepsNone() {
        byte[] udp = WireFormat.encode(PacketText.parse("udp 10.0.0.2:1 > 10.0.0.1:2 len 4"));
        udp[26] = 0;
        udp[27] = 0;
        Ipv4Header header = WireFormat.decodeIpv4(udp).header();
        QuotedDatagram quote = new QuotedDatagram(header, Bytes.of(udp, 20, 12)).rewriteSource(NEW_ADDRESS, 5);
        assertEquals("00050002000c0000" + "00000000", quote.data().toHex());
    }

    @Test
    void icmpErrorsAboutAPacketQuoteItLikeLinux() {
        Ipv4Packet original = PacketText.parse("udp 203.0.113.10:5353 > 192.168.1.1:53 len 40");
        IcmpError error = IcmpError.of(IcmpType.DESTINATION_UNREACHABLE, IcmpCode.PORT_UNREACHABLE, original);
        assertEquals(QuotedDatagram.of(original), error.quote());
        assertEquals("icmp 192.168.1.1 > 203.0.113.10 port-unreachable [udp 203.0.113.10:5353 > 192.168.1.1:53 len 40]",
                Ipv4Packet.builder().source(original.destination()).destination(original.source()).transport(error)
                        .build().toString());
    }
}
