package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kernel's own answers look like, as the random kernel comparison found them (client — gw — server
 * of {@link RandomCase#TOPOLOGY}): the TOS of a RST, the conntrack state of the stack's ICMP errors, and a
 * REJECT of the stack's own ICMP message.
 */
class KernelAnswersStackTest {
    @TempDir
    Path dir;
    TestLab lab;

    @BeforeEach
    void load() throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, RandomCase.TOPOLOGY);
        lab = TestLab.load(file);
    }

    private List<Ipv4Packet> receivedAt(String node) {
        return lab.receivedAt(node, "eth0").stream().filter(r -> r.frame().payload() instanceof Ipv4Packet)
                .map(r -> (Ipv4Packet) r.frame().payload()).toList();
    }

    @Test
    void theResetForAClosedPortCarriesTheSegmentsTosWithoutEcn() {
        lab.send("client", PacketText.parse("tcp 10.1.0.2:5555 > 10.1.0.1:81 flags S seq 1 tos 0x13"));
        List<Ipv4Packet> back = receivedAt("client");
        assertEquals(1, back.size(), back.toString());
        assertEquals("tcp 10.1.0.1:81 > 10.1.0.2:5555 flags RA ack 2 win 0 tos 0x10 df", back.get(0).toString());
    }

    @Test
    void aTimeExceededAboutAnUnconfirmedConnectionIsRelated() {
        restore("""
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A OUTPUT -m conntrack --ctstate RELATED
                -A OUTPUT -m conntrack --ctstate INVALID
                COMMIT
                """);
        lab.send("server", PacketText.parse("tcp 10.2.0.2:5555 > 10.1.0.2:22 flags S seq 1 ttl 1"));
        String save = lab.run("gw", "iptables-save", "-c");
        assertTrue(save.contains("[1:68] -A OUTPUT -m conntrack --ctstate RELATED"), save);
        assertTrue(save.contains("[0:0] -A OUTPUT -m conntrack --ctstate INVALID"), save);
        assertEquals("", lab.run("gw", "conntrack", "-L"), "the error confirms no connection");
    }

    @Test
    void aRejectedEchoReplyOfTheStackIsAnsweredByNothing() {
        restore("""
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A OUTPUT -p icmp -m icmp --icmp-type echo-reply -j REJECT
                COMMIT
                """);
        lab.send("client", PacketText.parse("icmp 10.1.0.2 > 10.1.0.1 echo-request id 7 seq 1"));
        assertTrue(lab.fatesAt("gw").stream().noneMatch(f -> f instanceof Fate.Sent), lab.fatesAt("gw").toString());
        assertTrue(lab.fatesAt("gw").stream().anyMatch(f -> f instanceof Fate.Rejected r && r.reply().isEmpty()));
    }

    @Test
    void aResetSentByRejectClosesTheConnection() {
        restore("""
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A INPUT -m conntrack --ctstate INVALID -j DROP
                -A OUTPUT -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK -j REJECT --reject-with tcp-reset
                COMMIT
                """);
        lab.send("server", PacketText.parse("tcp 10.2.0.2:5555 > 10.2.0.1:22 flags S seq 1"));
        assertTrue(lab.run("gw", "conntrack", "-L").startsWith("tcp      6 10 CLOSE src=10.2.0.2 dst=10.2.0.1"),
                lab.run("gw", "conntrack", "-L"));
    }

    @Test
    void aListenerAnswersARetransmittedSynAtMostOncePerHalfSecond() {
        restore("""
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A OUTPUT -p tcp -m tcp --sport 22 -j DROP
                COMMIT
                """);
        Ipv4Packet syn = PacketText.parse("tcp 10.1.0.2:5555 > 10.1.0.1:22 flags S seq 1");
        lab.send("client", syn);
        lab.advance(30_000_000L);
        lab.send("client", syn);
        lab.advance(30_000_000L);
        lab.send("client", syn);
        assertTrue(lab.run("gw", "iptables-save", "-c").contains("[2:88] -A OUTPUT -p tcp -m tcp --sport 22 -j DROP"),
                "the first SYN-ACK and one retransmission: " + lab.run("gw", "iptables-save", "-c"));
        lab.advance(500_000_000L);
        lab.send("client", syn);
        assertTrue(lab.run("gw", "iptables-save", "-c").contains("[3:132] -A OUTPUT"), "half a second later");
    }

    @Test
    void aNatTableOfPoliciesAloneTracksNothingAndCountsNothing() {
        restore("""
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                COMMIT
                """);
        lab.send("client", PacketText.parse("udp 10.1.0.2:5555 > 10.2.0.2:53 len 4"));
        assertEquals(1, receivedAt("server").size(), "forwarded all the same");
        assertEquals("", lab.run("gw", "conntrack", "-L"));
        assertTrue(lab.run("gw", "iptables-save", "-c").contains(":PREROUTING ACCEPT [0:0]"),
                lab.run("gw", "iptables-save", "-c"));
    }

    @Test
    void aPortUnreachableAboutItsSynAckLeavesARequestWaiting() {
        restore("""
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A OUTPUT -p tcp -j REJECT --reject-with icmp-port-unreachable
                COMMIT
                """);
        Ipv4Packet syn = PacketText.parse("tcp 10.1.0.2:5555 > 10.1.0.1:22 flags S seq 1");
        for (int i = 0; i < 3; i++) {
            lab.send("client", syn);
            lab.advance(30_000_000L);
        }
        // the SYN-ACK, one retransmission, then the rate limit: the request was never dropped
        assertTrue(lab.run("gw", "iptables-save", "-c").contains("[2:88] -A OUTPUT -p tcp -j REJECT"),
                lab.run("gw", "iptables-save", "-c"));
    }

    private void restore(String rules) {
        ConsoleResult result = lab.node("gw").command(List.of("iptables-restore"), rules, lab.now);
        assertEquals(0, result.exitCode(), result.stderr());
    }
}
