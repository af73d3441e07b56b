package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.ConntrackPacket;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpFlags;
import org.junit.jupiter.api.Test;

/** The engine on nflab's own connection tracking, through {@link TrackedConnection} and {@link ConntrackConnections}. */
class ConntrackIntegrationTest {
    private static final int CLIENT = Ipv4Address.parse("10.0.0.2").bits();
    private static final int SERVER = Ipv4Address.parse("10.0.0.1").bits();

    private final ConntrackTable conntrack = new ConntrackTable();
    private final TrackedConnection view = new TrackedConnection();
    private long now;

    private ConntrackResult track(int src, int dst, int sport, int dport, TcpFlags flags) {
        ConntrackResult result = conntrack.track(ConntrackPacket.tcp(src, dst, sport, dport, flags.bits(), 0, 40), now);
        now += 1_000_000;
        return result;
    }

    private PacketContext packet(String text, ConntrackResult result) {
        return PacketContext.of(PacketText.parse(text)).interfaces("eth0", "").now(now).conntrack(view.of(result, now));
    }

    @Test
    void statesDirectionsTuplesAndConnmarkComeFromTheEntry() {
        NetfilterEngine engine = new NetfilterEngine(Rulesets.of("-P INPUT DROP",
                "-A INPUT -m conntrack --ctstate NEW --ctorigdstport 22 --ctorigsrc 10.0.0.2 -j CONNMARK --set-mark 7",
                "-A INPUT -m state --state NEW -m connmark --mark 7 -j ACCEPT",
                "-A INPUT -m conntrack --ctstate ESTABLISHED --ctdir REPLY --ctstatus SEEN_REPLY -j ACCEPT"),
                EngineEnvironment.standalone());
        ConntrackResult syn = track(CLIENT, SERVER, 40000, 22, TcpFlags.SYN);
        PacketContext first = packet("tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S", syn);
        assertEquals(Decision.Kind.ACCEPT, engine.evaluate(TableKind.FILTER, Hook.INPUT, first).kind());
        assertEquals(7, syn.entry().mark());
        assertTrue(conntrack.confirm(syn, now));
        ConntrackResult synAck = track(SERVER, CLIENT, 22, 40000, TcpFlags.SYN_ACK);
        Decision answer = engine.evaluate(TableKind.FILTER, Hook.INPUT,
                packet("tcp 10.0.0.1:22 > 10.0.0.2:40000 flags SA", synAck));
        assertEquals(Decision.Kind.ACCEPT, answer.kind());
        assertEquals(3, answer.place().number());
    }

    @Test
    void connlimitCountsTheTablesOpenConnections() {
        NetfilterEngine engine = new NetfilterEngine(Rulesets.of(
                "-A INPUT -p tcp --syn --dport 22 -m connlimit --connlimit-above 2 -j REJECT --reject-with tcp-reset"),
                EngineEnvironment.standalone().withConnections(new ConntrackConnections(conntrack)));
        for (int port = 1000; port < 1002; port++) {
            ConntrackResult syn = track(CLIENT, SERVER, port, 22, TcpFlags.SYN);
            Decision decision = engine.evaluate(TableKind.FILTER, Hook.INPUT,
                    packet("tcp 10.0.0.2:" + port + " > 10.0.0.1:22 flags S", syn));
            assertEquals(Decision.Kind.ACCEPT, decision.kind());
            assertTrue(conntrack.confirm(syn, now));
        }
        ConntrackResult third = track(CLIENT, SERVER, 1002, 22, TcpFlags.SYN);
        assertEquals(Decision.Kind.REJECT, engine.evaluate(TableKind.FILTER, Hook.INPUT,
                packet("tcp 10.0.0.2:1002 > 10.0.0.1:22 flags S", third)).kind());
        track(CLIENT, SERVER, 1000, 22, TcpFlags.RST);
        ConntrackResult again = track(CLIENT, SERVER, 1003, 22, TcpFlags.SYN);
        assertEquals(Decision.Kind.ACCEPT, engine.evaluate(TableKind.FILTER, Hook.INPUT,
                packet("tcp 10.0.0.2:1003 > 10.0.0.1:22 flags S", again)).kind(), "the reset connection no longer counts");
    }
}
