package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.lab.Activity;
import io.nflab.lab.Hop;
import io.nflab.lab.LabTesting;
import io.nflab.lab.LocalLab;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the kernel's own answers look like, as the random kernel comparison found them (client — gw — server
 * of {@link RandomCase#TOPOLOGY}): the TOS of a RST, the conntrack state of the stack's ICMP errors, and a
 * REJECT of the stack's own ICMP message.
 */
class KernelAnswersStackTest {
    private static final long MS = 1_000_000L;
    private static final Ipv4Packet SYN_TO_GW_SSH = PacketText.parse("tcp 10.1.0.2:5555 > 10.1.0.1:22 flags S seq 1");

    @TempDir
    Path dir;
    LocalLab lab;

    @BeforeEach
    void load() throws IOException {
        lab = LocalLab.start(RandomCase.topology(dir));
    }

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void theResetForAClosedPortCarriesTheSegmentsTosWithoutEcn() {
        Activity sent = lab.send("client", PacketText.parse("tcp 10.1.0.2:5555 > 10.1.0.1:81 flags S seq 1 tos 0x13"));
        List<Ipv4Packet> back = LabTesting.arrivedAt(sent, "client", "eth0");
        assertEquals(1, back.size(), back.toString());
        assertEquals("tcp 10.1.0.1:81 > 10.1.0.2:5555 flags RA ack 2 win 0 tos 0x10 df", back.get(0).toString());
    }

    @Test
    void aTimeExceededAboutAnUnconfirmedConnectionIsRelated() {
        filter("-A OUTPUT -m conntrack --ctstate RELATED", "-A OUTPUT -m conntrack --ctstate INVALID");
        lab.send("server", PacketText.parse("tcp 10.2.0.2:5555 > 10.1.0.2:22 flags S seq 1 ttl 1"));
        String save = run("iptables-save", "-c");
        assertTrue(save.contains("[1:68] -A OUTPUT -m conntrack --ctstate RELATED"), save);
        assertTrue(save.contains("[0:0] -A OUTPUT -m conntrack --ctstate INVALID"), save);
        assertEquals("", run("conntrack", "-L"), "the error confirms no connection");
    }

    @Test
    void aRejectedEchoReplyOfTheStackIsAnsweredByNothing() {
        filter("-A OUTPUT -p icmp -m icmp --icmp-type echo-reply -j REJECT");
        Activity ping = lab.send("client", PacketText.parse("icmp 10.1.0.2 > 10.1.0.1 echo-request id 7 seq 1"));
        List<Hop> hops = ping.packets().stream().flatMap(p -> p.trace().stream()).toList();
        assertTrue(hops.stream().noneMatch(h -> h.node().equals("gw") && h.hook().equals(Hop.WIRE)
                && !h.outInterface().isEmpty()), "gw sends nothing: " + hops);
        assertTrue(LabTesting.endsOn(ping, "gw").stream().anyMatch(f -> f instanceof Fate.Rejected r && r.reply().isEmpty()),
                ping.packets().toString());
    }

    @Test
    void aResetSentByRejectClosesTheConnection() {
        filter("-A INPUT -m conntrack --ctstate INVALID -j DROP",
                "-A OUTPUT -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK -j REJECT --reject-with tcp-reset");
        lab.send("server", PacketText.parse("tcp 10.2.0.2:5555 > 10.2.0.1:22 flags S seq 1"));
        String conntrack = run("conntrack", "-L");
        assertTrue(conntrack.startsWith("tcp      6 10 CLOSE src=10.2.0.2 dst=10.2.0.1"), conntrack);
    }

    /**
     * The SYN-ACKs gw's listener sends for three SYNs 30 ms apart, dropped or rejected in OUTPUT: the first
     * and one retransmission, the third SYN falls in the half second's limit (so the request is never dropped).
     */
    @ParameterizedTest
    @ValueSource(strings = {"-A OUTPUT -p tcp -m tcp --sport 22 -j DROP",
        "-A OUTPUT -p tcp -j REJECT --reject-with icmp-port-unreachable"})
    void aListenerAnswersARetransmittedSynAtMostOncePerHalfSecond(String rule) {
        filter(rule);
        synsEvery30Ms(3);
        String save = run("iptables-save", "-c");
        assertTrue(save.contains("[2:88] " + rule), "the first SYN-ACK and one retransmission: " + save);
    }

    @Test
    void halfASecondLaterTheListenerAnswersAgain() {
        String rule = "-A OUTPUT -p tcp -m tcp --sport 22 -j DROP";
        filter(rule);
        synsEvery30Ms(3);
        lab.advance(500 * MS);
        lab.send("client", SYN_TO_GW_SSH);
        String save = run("iptables-save", "-c");
        assertTrue(save.contains("[3:132] " + rule), save);
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
        Activity sent = lab.send("client", PacketText.parse("udp 10.1.0.2:5555 > 10.2.0.2:53 len 4"));
        assertEquals(1, LabTesting.arrivedAt(sent, "server", "eth0").size(), "forwarded all the same");
        assertEquals("", run("conntrack", "-L"));
        String save = run("iptables-save", "-c");
        assertTrue(save.contains(":PREROUTING ACCEPT [0:0]"), save);
    }

    /** {@code n} copies of a SYN to gw's port 22, 30 ms apart. */
    private void synsEvery30Ms(int n) {
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                lab.advance(30 * MS);
            }
            lab.send("client", SYN_TO_GW_SSH);
        }
    }

    /** gw's filter table: every chain ACCEPT, with these rules. */
    private void filter(String... rules) {
        restore(Stream.concat(Stream.of("*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]"),
                Stream.concat(Stream.of(rules), Stream.of("COMMIT"))).map(line -> line + "\n").reduce("", String::concat));
    }

    private void restore(String rules) {
        LabTesting.run(lab, "gw", rules, "iptables-restore");
    }

    private String run(String... argv) {
        return LabTesting.run(lab, "gw", "", argv);
    }
}
