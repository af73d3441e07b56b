package io.nflab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.socket.LabWire;
import io.nflab.socket.SocketTable;
import org.junit.jupiter.api.Test;

class PingClientTest {
    private static final long MS = 1_000_000L;

    /** Round trips as iputils 20221126 printed them for the measured microseconds (captured with a delaying responder). */
    @Test
    void roundTripsAreRoundedLikeIputils() {
        assertEquals("0.045", PingClient.roundTrip(45));
        assertEquals("1.66", PingClient.roundTrip(1661));
        assertEquals("5.23", PingClient.roundTrip(5226));
        assertEquals("7.09", PingClient.roundTrip(7090));
        assertEquals("32.0", PingClient.roundTrip(31985));
        assertEquals("11.0", PingClient.roundTrip(10959));
        assertEquals("101", PingClient.roundTrip(101006));
        assertEquals("151", PingClient.roundTrip(151426));
    }

    @Test
    void pingsOverTheLabWireWithItsLatency() {
        LabWire wire = new LabWire(MS / 4);
        SocketTable host = wire.host("10.0.0.1", 1);
        wire.host("10.0.1.2", 2);
        PingClient ping = PingClient.start(host, Ipv4Address.parse("10.0.1.2"), PingClient.Options.count(2), 0);
        wire.runFor(5_000 * MS);
        assertTrue(ping.isFinished());
        assertEquals("PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.\n"
                + "64 bytes from 10.0.1.2: icmp_seq=1 ttl=64 time=0.500 ms\n"
                + "64 bytes from 10.0.1.2: icmp_seq=2 ttl=64 time=0.500 ms\n"
                + "\n--- 10.0.1.2 ping statistics ---\n"
                + "2 packets transmitted, 2 received, 0% packet loss, time 1000ms\n"
                + "rtt min/avg/max/mdev = 0.500/0.500/0.500/0.000 ms\n", ping.output().stdout());
        assertEquals(0, ping.output().exitCode());
    }

    @Test
    void silenceEndsTenSecondsAfterTheLastRequest() {
        LabWire wire = new LabWire(MS);
        SocketTable host = wire.host("10.0.0.1", 1);
        wire.drop(packet -> true);
        PingClient ping = PingClient.start(host, Ipv4Address.parse("10.0.1.2"), PingClient.Options.count(3), 0);
        wire.runFor(11_999 * MS);
        assertTrue(!ping.isFinished());
        wire.runFor(2 * MS);
        assertTrue(ping.isFinished());
        assertEquals(1, ping.output().exitCode());
        assertTrue(ping.output().stdout().endsWith("3 packets transmitted, 0 received, 100% packet loss, time 2000ms\n\n"));
    }
}
