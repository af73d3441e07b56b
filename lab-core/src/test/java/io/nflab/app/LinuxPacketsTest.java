package io.nflab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.UdpDatagram;
import io.nflab.socket.LabWire;
import io.nflab.socket.LinuxCapture;
import io.nflab.socket.SocketTable;
import org.junit.jupiter.api.Test;

/**
 * The packets nflab's ping, traceroute and nc send against the ones the real tools sent (wire-*.hex,
 * captured by capture-socket-fixtures.py): header flags, TTLs, ports and payload layout; values the
 * tools draw at random (identifiers, source ports, the send time stamp) excepted.
 */
class LinuxPacketsTest {
    private static final long MS = 1_000_000L;
    private static final Ipv4Address SERVER = Ipv4Address.parse("10.0.1.2");

    private final LabWire wire = new LabWire(MS);
    private final SocketTable client = wire.host("10.0.0.1", 1);

    private Ipv4Packet linux(String file) {
        return LinuxCapture.load(file).packets().get(0).packet();
    }

    @Test
    void pingRequestsLookLikeIputils() {
        wire.host("10.0.1.2", 2);
        PingClient.start(client, SERVER, PingClient.Options.count(1), 1_700_000_000_123_456_789L);
        wire.runUntil(1_700_000_000_123_456_789L);
        Ipv4Packet ours = wire.packets().get(0);
        Ipv4Packet theirs = linux("wire-ping.hex");
        assertEquals(theirs.totalLength(), ours.totalLength());
        assertEquals(theirs.ttl(), ours.ttl());
        assertEquals(theirs.header().dontFragment(), ours.header().dontFragment());
        IcmpQuery request = (IcmpQuery) ours.transport();
        IcmpQuery linuxRequest = (IcmpQuery) theirs.transport();
        assertEquals(linuxRequest.type(), request.type());
        assertEquals(1, request.sequence());
        Bytes payload = request.payload().bytes();
        assertEquals(linuxRequest.payload().bytes().slice(16, 56), payload.slice(16, 56), "the pattern after the time stamp");
        assertEquals("00f153650000000040e2010000000000", payload.slice(0, 16).toHex(),
                "a struct timeval of the send time: 1700000000 s, 123456 µs, little-endian");
    }

    @Test
    void tracerouteProbesLookLikeTraceroute() {
        TracerouteClient.start(client, SERVER, TracerouteClient.Options.DEFAULT.withNumeric(true), 0);
        wire.runUntil(0);
        Ipv4Packet ours = wire.packets().get(0);
        Ipv4Packet theirs = linux("wire-traceroute.hex");
        assertEquals(theirs.totalLength(), ours.totalLength());
        assertEquals(1, ours.ttl());
        assertEquals(theirs.ttl(), ours.ttl());
        assertFalse(ours.header().dontFragment());
        assertEquals(theirs.header().dontFragment(), ours.header().dontFragment());
        UdpDatagram probe = (UdpDatagram) ours.transport();
        UdpDatagram linuxProbe = (UdpDatagram) theirs.transport();
        assertEquals(linuxProbe.destinationPort(), probe.destinationPort());
        assertEquals(linuxProbe.payload(), probe.payload());
        assertEquals(16, wire.packets().size(), "16 probes at once");
        assertEquals(33449, ((UdpDatagram) wire.packets().get(15).transport()).destinationPort());
        assertEquals(6, wire.packets().get(15).ttl());
    }

    @Test
    void ncDatagramsLookLikeNc() {
        wire.host("10.0.1.2", 2);
        UdpClient.start(client, SERVER, 7, Bytes.ofLatin1("hello\n"), 1_000 * MS, 0);
        wire.runUntil(0);
        Ipv4Packet ours = wire.packets().get(0);
        Ipv4Packet theirs = linux("wire-udp.hex");
        assertEquals(theirs.totalLength(), ours.totalLength());
        assertEquals(theirs.ttl(), ours.ttl());
        assertTrue(ours.header().dontFragment());
        assertEquals(((UdpDatagram) theirs.transport()).payload(), ((UdpDatagram) ours.transport()).payload());
        int port = ((UdpDatagram) ours.transport()).sourcePort();
        assertTrue(port >= 32768 && port <= 60999, "an ephemeral port: " + port);
    }
}
