package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.app.FtpClient;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.topology.Application;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.ServiceSpec;
import io.nflab.topology.Topology;
import io.nflab.topology.TransportProtocol;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The ftp-passive lab (topologies/ftp-passive) on net stacks: the gateway's helper rewrites the server's
 * 227 reply, shifts the sequence numbers after it, expects the data connection and lets it in RELATED; and
 * a real FTP session (nflab's FTP client and server) through the same gateway, with and without the helper.
 */
class FtpPassiveStackTest {
    private static final String PASV_REPLY = "227 Entering Passive Mode (192,168,1,21,195,80).\\r\\n";

    private static List<Ipv4Packet> arrivedAt(TestLab lab, int from, String node) {
        return lab.received.subList(from, lab.received.size()).stream()
                .filter(r -> r.node().equals(node) && r.frame().payload() instanceof Ipv4Packet)
                .map(r -> (Ipv4Packet) r.frame().payload()).toList();
    }

    private static Ipv4Packet send(TestLab lab, String node, String packet, String receiver) {
        int before = lab.received.size();
        lab.send(node, PacketText.parse(packet));
        List<Ipv4Packet> arrived = arrivedAt(lab, before, receiver);
        assertEquals(1, arrived.size(), "what arrived at " + receiver + ": " + arrived);
        return arrived.get(0);
    }

    private static Ipv4Packet controlConnection(TestLab lab) {
        send(lab, "client", "tcp 203.0.113.10:40000 > 203.0.113.1:21 flags S seq 1000", "ftp");
        send(lab, "ftp", "tcp 192.168.1.21:21 > 203.0.113.10:40000 flags SA seq 5000 ack 1001", "client");
        send(lab, "client", "tcp 203.0.113.10:40000 > 203.0.113.1:21 flags A seq 1001 ack 5001", "ftp");
        send(lab, "ftp", "tcp 192.168.1.21:21 > 203.0.113.10:40000 flags PA seq 5001 ack 1001 data \"220 ready\\r\\n\"",
                "client");
        send(lab, "client", "tcp 203.0.113.10:40000 > 203.0.113.1:21 flags PA seq 1001 ack 5012 data \"PASV\\r\\n\"", "ftp");
        return send(lab, "ftp", "tcp 192.168.1.21:21 > 203.0.113.10:40000 flags PA seq 5012 ack 1007 data \""
                + PASV_REPLY + "\"", "client");
    }

    @Test
    void theHelperRewritesThe227ReplyAndTheDataConnectionIsRelated() {
        TestLab lab = new TestLab(SeedLabs.topology("ftp-passive"));
        Ipv4Packet reply = controlConnection(lab);
        assertEquals("tcp 203.0.113.1:21 > 203.0.113.10:40000 flags PA seq 5012 ack 1007 ttl 63"
                + " data \"227 Entering Passive Mode (203,0,113,1,195,80).\\r\\n\"", reply.toString());
        assertEquals("300 proto=6 src=203.0.113.10 dst=203.0.113.1 sport=0 dport=50000 mask-src=255.255.255.255"
                + " mask-dst=255.255.255.255 sport=0 dport=65535 master-src=203.0.113.10 master-dst=203.0.113.1"
                + " sport=40000 dport=21 class=0 helper=ftp\n", lab.run("gw", "conntrack", "-L", "expect"));

        Ipv4Packet ack = send(lab, "client", "tcp 203.0.113.10:40000 > 203.0.113.1:21 flags A seq 1007 ack 5061", "ftp");
        assertEquals("tcp 203.0.113.10:40000 > 192.168.1.21:21 flags A seq 1007 ack 5062 ttl 63", ack.toString(),
                "the gateway shifts the acknowledgment back by the byte the rewrite removed");
        Ipv4Packet data = send(lab, "client", "tcp 203.0.113.10:40001 > 203.0.113.1:50000 flags S seq 2000", "ftp");
        assertEquals("tcp 203.0.113.10:40001 > 192.168.1.21:50000 flags S seq 2000 ttl 63", data.toString());

        String save = lab.run("gw", "iptables-save", "-c", "-t", "filter");
        assertTrue(save.contains("[6:307] -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
                + "[1:40] -A FORWARD -m conntrack --ctstate RELATED -j ACCEPT\n"
                + "[1:40] -A FORWARD -d 192.168.1.21/32 -i eth0 -o eth1 -p tcp -m tcp --dport 21 -m conntrack --ctstate NEW -j ACCEPT\n"),
                save);
        assertEquals("""
                tcp      6 432000 ESTABLISHED src=203.0.113.10 dst=203.0.113.1 sport=40000 dport=21 src=192.168.1.21 dst=203.0.113.10 sport=21 dport=40000 [ASSURED] mark=0 helper=ftp use=2
                tcp      6 120 SYN_SENT src=203.0.113.10 dst=203.0.113.1 sport=40001 dport=50000 [UNREPLIED] src=192.168.1.21 dst=203.0.113.10 sport=50000 dport=40001 mark=0 use=1
                """, lab.run("gw", "conntrack", "-L"));
    }

    @Test
    void withoutTheHelperThe227KeepsThePrivateAddressAndNothingIsExpected() {
        TestLab lab = new TestLab(SeedLabs.topology("ftp-passive"));
        lab.run("gw", "iptables", "-t", "raw", "-D", "PREROUTING", "1");
        Ipv4Packet reply = controlConnection(lab);
        assertEquals("tcp 203.0.113.1:21 > 203.0.113.10:40000 flags PA seq 5012 ack 1007 ttl 63 data \""
                + PASV_REPLY + "\"", reply.toString());
        assertEquals("", lab.run("gw", "conntrack", "-L", "expect"));
    }

    /** The lab with a real FTP server on ftp and no hand-crafting rules on the endpoints. */
    private static TestLab realFtp() {
        Topology lab = SeedLabs.topology("ftp-passive");
        List<NodeSpec> nodes = lab.nodes().stream().map(n -> n.name().equals("gw") ? n
                : new NodeSpec(n.name(), n.kind(), n.interfaces(), n.routes(), Optional.empty(), n.sysctls(),
                        n.name().equals("ftp") ? List.of(new ServiceSpec(TransportProtocol.TCP, 21, Application.FTP))
                                : n.services(), n.placement())).toList();
        return new TestLab(new Topology(lab.name(), lab.description(), lab.segments(), nodes));
    }

    private static FtpClient download(TestLab lab) {
        FtpClient client = FtpClient.start(lab.node("client").sockets(), Ipv4Address.parse("203.0.113.1"), 21,
                FtpClient.Mode.PASV, "RETR data.bin", lab.now);
        lab.flush("client");
        for (int i = 0; i < 3000 && !client.isFinished(); i++) {
            lab.advance(100_000_000L);
        }
        assertTrue(client.isFinished(), client.output().stdout());
        return client;
    }

    @Test
    void aRealPassiveDownloadThroughTheGatewayWorksWithTheHelper() {
        TestLab lab = realFtp();
        FtpClient client = download(lab);
        assertTrue(client.transferred(), client.output().stdout());
        assertEquals(4096, client.data().length());
        assertTrue(client.replies().stream().anyMatch(r -> r.startsWith("227 Entering Passive Mode (203,0,113,1,")),
                client.replies().toString());
    }

    @Test
    void aRealPassiveDownloadFailsWithoutTheHelper() {
        TestLab lab = realFtp();
        lab.run("gw", "iptables", "-t", "raw", "-D", "PREROUTING", "1");
        FtpClient client = download(lab);
        assertFalse(client.transferred(), client.output().stdout());
        assertTrue(client.replies().stream().anyMatch(r -> r.startsWith("227 Entering Passive Mode (192,168,1,21,")),
                client.replies().toString());
    }
}
