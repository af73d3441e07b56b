package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.kernel.ProcessResult;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed labs of {@code topologies/} in the real kernel and on net stacks ({@link KernelTwin}): the same
 * injected packets must arrive the same at every interface that matters (after the same NAT), and the
 * gateway's counters ({@code iptables-save -c}) and connection table ({@code conntrack -L}) must be the
 * same. Needs root and {@code ip netns}; skipped with the reason elsewhere.
 */
class SeedLabsKernelComparisonTest {

    private static Ipv4Packet packet(String text) {
        return PacketText.parse(text);
    }

    private static <T> void assertSame(KernelTwin.Pair<T> pair, String what) {
        assertEquals(pair.kernel(), pair.stack(), what + ": the kernel (expected) and nflab (actual) differ");
    }

    /** The packets that arrived at node:iface, equal on both sides and, when {@code some}, not none. */
    private static List<Ipv4Packet> arrived(KernelTwin.Sent sent, String node, String iface, boolean some) {
        KernelTwin.Pair<List<Ipv4Packet>> pair = KernelTwin.received(sent, node, iface);
        assertSame(pair, "packets at " + node + ":" + iface);
        assertEquals(some, !pair.kernel().isEmpty(), "whether anything arrived at " + node + ":" + iface + ": " + pair.kernel());
        return pair.kernel();
    }

    private static void ok(KernelTwin.Pair<ProcessResult> both) {
        assertEquals(0, both.kernel().exitCode(), both.kernel().stderr());
        assertSame(both, "the command's result");
    }

    @Test
    void portForwardTheArticlesEntryThePitfallsAndOutputDnat() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("port-forward"))) {
            KernelTwin.Sent syn = twin.send("client", packet("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));
            Ipv4Packet atWeb = arrived(syn, "web", "eth0", true).get(0);
            assertEquals("tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S ttl 63", atWeb.toString());
            arrived(syn, "client", "eth0", true);
            assertSame(twin.conntrack("gw"), "conntrack -L after the SYN");

            KernelTwin.Sent udp = twin.send("client", packet("udp 203.0.113.10:40001 > 203.0.113.1:80 len 8"));
            arrived(udp, "client", "eth0", true);
            KernelTwin.Sent ssh = twin.send("client", packet("tcp 203.0.113.10:40002 > 192.168.1.2:22 flags S"));
            arrived(ssh, "web", "eth0", false);

            ok(twin.run("gw", "iptables", "-D", "FORWARD", "2"));
            KernelTwin.Sent pitfall = twin.send("client", packet("tcp 203.0.113.10:40003 > 203.0.113.1:80 flags S"));
            arrived(pitfall, "web", "eth0", false);

            ok(twin.run("gw", "iptables", "-I", "FORWARD", "2", "-d", "192.168.1.2/32", "-p", "tcp", "-m", "tcp",
                    "--dport", "8080", "-j", "ACCEPT"));
            ok(twin.run("gw", "iptables", "-t", "nat", "-A", "OUTPUT", "-d", "203.0.113.1/32", "-p", "tcp", "-m", "tcp",
                    "--dport", "80", "-j", "DNAT", "--to-destination", "192.168.1.2:8080"));
            KernelTwin.Sent local = twin.send("gw", packet("tcp 203.0.113.1:40010 > 203.0.113.1:80 flags S"));
            assertEquals("tcp 203.0.113.1:40010 > 192.168.1.2:8080 flags S",
                    arrived(local, "web", "eth0", true).get(0).toString());

            assertSame(twin.counters("gw"), "iptables-save -c on gw");
            assertSame(twin.listings("gw"), "iptables -L -v -n -x and -S on gw");
            assertSame(twin.conntrack("gw"), "conntrack -L on gw");
        }
    }

    @Test
    void portForwardOnAGatewayThatDoesNotForward() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("port-forward", "no-ip-forward.yaml"))) {
            KernelTwin.Sent syn = twin.send("client", packet("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));
            arrived(syn, "web", "eth0", false);
            arrived(syn, "client", "eth0", false);
            assertSame(twin.counters("gw"), "iptables-save -c on gw");
            assertSame(twin.listings("gw"), "iptables -L -v -n -x and -S on gw");
            assertSame(twin.conntrack("gw"), "conntrack -L on gw");
        }
    }

    @Test
    void redirectLowPort() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("redirect-low-port"))) {
            KernelTwin.Sent syn = twin.send("client", packet("tcp 203.0.113.10:40000 > 203.0.113.80:80 flags S"));
            arrived(syn, "web", "eth0", true);
            List<Ipv4Packet> back = arrived(syn, "client", "eth0", true);
            assertTrue(back.get(0).toString().startsWith("tcp 203.0.113.80:80 > 203.0.113.10:40000 flags SA"), back.toString());

            KernelTwin.Sent direct = twin.send("client", packet("tcp 203.0.113.10:40001 > 203.0.113.80:8080 flags S"));
            arrived(direct, "client", "eth0", true);
            KernelTwin.Sent closed = twin.send("client", packet("tcp 203.0.113.10:40002 > 203.0.113.80:81 flags S"));
            arrived(closed, "client", "eth0", true);
            twin.send("web", packet("tcp 127.0.0.1:40003 > 127.0.0.1:80 flags S"));
            twin.send("web", packet("tcp 203.0.113.80:40004 > 203.0.113.80:80 flags S"));

            assertSame(twin.counters("web"), "iptables-save -c on web");
            assertSame(twin.listings("web"), "iptables -L -v -n -x and -S on web");
            assertSame(twin.conntrack("web"), "conntrack -L on web");
        }
    }

    @Test
    void webServerHostFirewall() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("web-server"))) {
            arrived(twin.send("client", packet("tcp 203.0.113.10:40000 > 203.0.113.80:80 flags S")), "client", "eth0", true);
            arrived(twin.send("client", packet("tcp 203.0.113.10:40001 > 203.0.113.80:22 flags S")), "client", "eth0", true);
            List<Ipv4Packet> banned = arrived(twin.send("attacker",
                    packet("tcp 203.0.113.66:40000 > 203.0.113.80:22 flags S")), "attacker", "eth0", true);
            assertTrue(banned.get(0).toString().contains("port-unreachable"), banned.toString());
            arrived(twin.send("attacker2", packet("tcp 203.0.113.67:40000 > 203.0.113.80:22 flags S")), "attacker2", "eth0", true);
            arrived(twin.send("mailer", packet("tcp 203.0.113.25:40000 > 203.0.113.80:25 flags S")), "mailer", "eth0", true);
            arrived(twin.send("client", packet("tcp 203.0.113.10:40002 > 203.0.113.80:25 flags S")), "client", "eth0", false);
            List<Ipv4Packet> prohibited = arrived(twin.send("client",
                    packet("tcp 203.0.113.10:40003 > 203.0.113.80:3306 flags S")), "client", "eth0", true);
            assertTrue(prohibited.get(0).toString().contains("host-prohibited"), prohibited.toString());
            arrived(twin.send("client", packet("icmp 203.0.113.10 > 203.0.113.80 echo-request id 7 seq 1")), "client", "eth0", true);

            ok(twin.run("web", "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "8080", "-j", "ACCEPT"));
            arrived(twin.send("client", packet("tcp 203.0.113.10:40004 > 203.0.113.80:8080 flags S")), "client", "eth0", true);

            assertSame(twin.counters("web"), "iptables-save -c on web");
            assertSame(twin.listings("web"), "iptables -L -v -n -x and -S on web");
            assertSame(twin.conntrack("web"), "conntrack -L on web");
        }
    }

    @Test
    void gatewaySnat() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("gateway-snat"))) {
            KernelTwin.Sent syn = twin.send("pc", packet("tcp 192.168.10.10:40000 > 203.0.113.50:80 flags S"));
            assertEquals("tcp 203.0.113.2:40000 > 203.0.113.50:80 flags S ttl 63",
                    arrived(syn, "server", "eth0", true).get(0).toString());
            arrived(syn, "pc", "eth0", true);
            arrived(twin.send("server", packet("tcp 203.0.113.50:40000 > 203.0.113.2:22 flags S")), "server", "eth0", false);
            KernelTwin.Sent in = twin.send("neighbour", packet("tcp 203.0.113.66:40000 > 192.168.10.10:22 flags S"));
            arrived(in, "pc", "eth0", false);
            arrived(twin.send("pc", packet("tcp 192.168.10.10:40001 > 192.168.10.1:22 flags S")), "pc", "eth0", true);
            arrived(twin.send("pc", packet("udp 192.168.10.10:40002 > 203.0.113.50:9 len 8")), "pc", "eth0", true);

            KernelTwin.Sent vpn = twin.send("laptop", packet("tcp 10.8.0.2:40010 > 203.0.113.50:80 flags S"));
            assertEquals("tcp 203.0.113.2:40010 > 203.0.113.50:80 flags S ttl 63",
                    arrived(vpn, "server", "eth0", true).get(0).toString());
            arrived(twin.send("laptop", packet("tcp 10.8.0.2:40001 > 10.8.0.1:22 flags S")), "laptop", "tun0", true);

            ok(twin.run("gw", "iptables", "-t", "nat", "-D", "POSTROUTING", "1"));
            KernelTwin.Sent raw = twin.send("pc", packet("tcp 192.168.10.10:40003 > 203.0.113.50:80 flags S"));
            assertEquals("tcp 192.168.10.10:40003 > 203.0.113.50:80 flags S ttl 63",
                    arrived(raw, "server", "eth0", true).get(0).toString());

            assertSame(twin.counters("gw"), "iptables-save -c on gw");
            assertSame(twin.listings("gw"), "iptables -L -v -n -x and -S on gw");
            assertSame(twin.conntrack("gw"), "conntrack -L on gw");
        }
    }

    @Test
    void dmzThreeZone() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("dmz-three-zone"))) {
            KernelTwin.Sent web = twin.send("remote", packet("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));
            assertEquals("tcp 203.0.113.10:40000 > 172.16.0.10:80 flags S ttl 63",
                    arrived(web, "www", "eth0", true).get(0).toString());
            arrived(web, "remote", "eth0", true);
            KernelTwin.Sent dns = twin.send("remote", packet("udp 203.0.113.10:5353 > 203.0.113.1:53 len 8"));
            arrived(dns, "ns", "eth0", true);
            arrived(twin.send("remote", packet("tcp 203.0.113.10:40001 > 203.0.113.1:25 flags S")), "mail", "eth0", true);
            arrived(twin.send("remote", packet("tcp 203.0.113.10:40002 > 203.0.113.1:22 flags S")), "remote", "eth0", false);
            arrived(twin.send("remote", packet("tcp 203.0.113.10:40003 > 192.168.1.10:22 flags S")), "pc", "eth0", false);
            arrived(twin.send("remote", packet("icmp 203.0.113.10 > 203.0.113.1 echo-request id 7 seq 1")), "remote", "eth0", true);

            KernelTwin.Sent out = twin.send("pc", packet("tcp 192.168.1.10:40000 > 203.0.113.10:80 flags S"));
            assertEquals("tcp 203.0.113.1:40000 > 203.0.113.10:80 flags S ttl 63",
                    arrived(out, "remote", "eth0", true).get(0).toString());
            arrived(out, "pc", "eth0", true);
            arrived(twin.send("pc", packet("tcp 192.168.1.10:40001 > 172.16.0.10:80 flags S")), "www", "eth0", true);
            arrived(twin.send("pc", packet("tcp 192.168.1.10:40002 > 192.168.1.1:22 flags S")), "pc", "eth0", true);
            arrived(twin.send("www", packet("tcp 172.16.0.10:40000 > 192.168.1.10:22 flags S")), "pc", "eth0", false);
            arrived(twin.send("mail", packet("tcp 172.16.0.25:40010 > 203.0.113.10:80 flags S")), "remote", "eth0", true);

            arrived(twin.send("remote", packet("tcp 192.168.1.10:40004 > 203.0.113.1:80 flags S")), "www", "eth0", false);
            arrived(twin.send("remote", packet("tcp 172.16.0.10:40005 > 203.0.113.1:22 flags S")), "remote", "eth0", false);
            arrived(twin.send("pc", packet("tcp 172.16.0.99:40003 > 203.0.113.10:80 flags S")), "remote", "eth0", false);
            arrived(twin.send("www", packet("tcp 192.168.1.99:40001 > 203.0.113.10:80 flags S")), "remote", "eth0", false);

            ok(twin.run("gw", "iptables", "-D", "FORWARD", "8"));
            ok(twin.run("gw", "iptables", "-I", "INPUT", "5", "-p", "tcp", "--dport", "80", "-j", "ACCEPT"));
            arrived(twin.send("remote", packet("tcp 203.0.113.10:40006 > 203.0.113.1:80 flags S")), "www", "eth0", false);

            assertSame(twin.counters("gw"), "iptables-save -c on gw");
            assertSame(twin.listings("gw"), "iptables -L -v -n -x and -S on gw");
            assertSame(twin.conntrack("gw"), "conntrack -L on gw");
        }
    }

    @Test
    void ftpPassiveThroughDnatWithTheHelper() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("ftp-passive"))) {
            List<Ipv4Packet> pasv = FtpSession.control(twin);
            assertEquals("tcp 203.0.113.1:21 > 203.0.113.10:40000 flags PA seq 5012 ack 1007 ttl 63"
                    + " data \"227 Entering Passive Mode (203,0,113,1,195,80).\\r\\n\"", strip(pasv.get(0)));
            assertSame(twin.conntrack("gw", "-L", "expect"), "conntrack -L expect on gw");

            KernelTwin.Sent ack = twin.send("client", packet("tcp 203.0.113.10:40000 > 203.0.113.1:21 flags A seq 1007 ack 5061"));
            assertEquals("tcp 203.0.113.10:40000 > 192.168.1.21:21 flags A seq 1007 ack 5062 ttl 63",
                    arrived(ack, "ftp", "eth0", true).get(0).toString());
            KernelTwin.Sent data = twin.send("client", packet("tcp 203.0.113.10:40001 > 203.0.113.1:50000 flags S seq 2000"));
            assertEquals("tcp 203.0.113.10:40001 > 192.168.1.21:50000 flags S seq 2000 ttl 63",
                    arrived(data, "ftp", "eth0", true).get(0).toString());
            arrived(twin.send("ftp", packet("tcp 192.168.1.21:50000 > 203.0.113.10:40001 flags SA seq 7000 ack 2001")),
                    "client", "eth0", true);

            assertSame(twin.counters("gw"), "iptables-save -c on gw");
            assertSame(twin.listings("gw"), "iptables -L -v -n -x and -S on gw");
            assertSame(twin.conntrack("gw"), "conntrack -L on gw");
        }
    }

    @Test
    void ftpPassiveWithoutTheHelper() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("ftp-passive"))) {
            ok(twin.run("gw", "iptables", "-t", "raw", "-D", "PREROUTING", "1"));
            List<Ipv4Packet> pasv = FtpSession.control(twin);
            assertEquals("tcp 203.0.113.1:21 > 203.0.113.10:40000 flags PA seq 5012 ack 1007 ttl 63"
                    + " data \"227 Entering Passive Mode (192,168,1,21,195,80).\\r\\n\"", strip(pasv.get(0)));
            assertSame(twin.conntrack("gw", "-L", "expect"), "conntrack -L expect on gw");
            arrived(twin.send("client", packet("tcp 203.0.113.10:40001 > 192.168.1.21:50000 flags S seq 2000")),
                    "ftp", "eth0", false);
            arrived(twin.send("client", packet("tcp 203.0.113.10:40002 > 203.0.113.1:50000 flags S seq 3000")),
                    "client", "eth0", false);

            assertSame(twin.counters("gw"), "iptables-save -c on gw");
            assertSame(twin.listings("gw"), "iptables -L -v -n -x and -S on gw");
            assertSame(twin.conntrack("gw"), "conntrack -L on gw");
        }
    }

    @Test
    void markRoutingConnmarkAndNotrack() {
        try (KernelTwin twin = KernelTwin.start(SeedLabs.topology("mark-routing"))) {
            KernelTwin.Sent ssh = twin.send("pc", packet("tcp 192.168.1.10:40000 > 203.0.113.50:22 flags S"));
            arrived(ssh, "server", "eth0", true);
            arrived(ssh, "pc", "eth0", true);
            KernelTwin.Sent web = twin.send("pc", packet("tcp 192.168.1.10:40001 > 203.0.113.50:80 flags S"));
            arrived(web, "pc", "eth0", true);
            arrived(twin.send("pc", packet("udp 192.168.1.10:5353 > 192.168.1.1:53 len 8")), "pc", "eth0", false);
            arrived(twin.send("pc", packet("udp 192.168.1.10:5354 > 192.168.1.1:54 len 8")), "pc", "eth0", false);

            ok(twin.run("gw", "iptables", "-t", "raw", "-I", "PREROUTING", "-i", "eth1", "-p", "udp", "--dport", "53",
                    "-j", "NOTRACK"));
            KernelTwin.Sent dns = twin.send("pc", packet("udp 192.168.1.10:5355 > 203.0.113.50:53 len 8"));
            assertEquals("udp 192.168.1.10:5355 > 203.0.113.50:53 ttl 63 len 8",
                    arrived(dns, "server", "eth0", true).get(0).toString());

            assertSame(twin.counters("gw"), "iptables-save -c on gw");
            assertSame(twin.listings("gw"), "iptables -L -v -n -x and -S on gw");
            assertSame(twin.conntrack("gw"), "conntrack -L on gw");
        }
    }

    /** The packet as text, without the IP id the kernel picked. */
    private static String strip(Ipv4Packet p) {
        return KernelTwin.normalized(p).toString();
    }

    /** The passive FTP control connection of the ftp-passive scenarios, packet by packet, up to the 227 reply. */
    private static final class FtpSession {
        static List<Ipv4Packet> control(KernelTwin twin) {
            KernelTwin.Sent syn = twin.send("client", packet("tcp 203.0.113.10:40000 > 203.0.113.1:21 flags S seq 1000"));
            assertEquals("tcp 203.0.113.10:40000 > 192.168.1.21:21 flags S seq 1000 ttl 63",
                    arrived(syn, "ftp", "eth0", true).get(0).toString());
            arrived(twin.send("ftp", packet("tcp 192.168.1.21:21 > 203.0.113.10:40000 flags SA seq 5000 ack 1001")),
                    "client", "eth0", true);
            arrived(twin.send("client", packet("tcp 203.0.113.10:40000 > 203.0.113.1:21 flags A seq 1001 ack 5001")),
                    "ftp", "eth0", true);
            arrived(twin.send("ftp", packet("tcp 192.168.1.21:21 > 203.0.113.10:40000 flags PA seq 5001 ack 1001"
                    + " data \"220 ready\\r\\n\"")), "client", "eth0", true);
            arrived(twin.send("client", packet("tcp 203.0.113.10:40000 > 203.0.113.1:21 flags PA seq 1001 ack 5012"
                    + " data \"PASV\\r\\n\"")), "ftp", "eth0", true);
            return arrived(twin.send("ftp", packet("tcp 192.168.1.21:21 > 203.0.113.10:40000 flags PA seq 5012 ack 1007"
                    + " data \"227 Entering Passive Mode (192,168,1,21,195,80).\\r\\n\"")), "client", "eth0", true);
        }
    }
}
