package io.nflab.bench;

import io.nflab.conntrack.ConntrackPacket;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.TcpFlagBits;
import io.nflab.iptables.CommandResult;
import io.nflab.iptables.Iptables;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.eval.Decision;
import io.nflab.netfilter.eval.EngineEnvironment;
import io.nflab.netfilter.eval.NetfilterEngine;
import io.nflab.netfilter.eval.PacketContext;
import io.nflab.netfilter.eval.TrackedConnection;
import io.nflab.packet.PacketText;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rule engine's "does not allocate" claim (DESIGN.md) on the packet path's own objects: a packet of a real
 * ESTABLISHED connection (a {@link ConntrackTable} entry, seen through a {@link TrackedConnection} pointed at
 * its result for every packet, as the net stack does) evaluated against a FORWARD chain of 10,000 rules: 9,999
 * per-address SSH allowances for NEW connections, then {@code -m conntrack --ctstate ESTABLISHED} with tests of
 * the original destination and the reply's source port, which the packet matches. Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} must be about 0 B/op. See docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EstablishedRuleBenchmark {
    private static final int RULES = 10_000;
    private static final int CLIENT = 0xcb00710a; // 203.0.113.10
    private static final int SERVER = 0xc0a80102; // 192.168.1.2

    private NetfilterEngine engine;
    private PacketContext packet;
    private ConntrackResult established;
    private final TrackedConnection view = new TrackedConnection();

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder restore = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n");
        for (int i = 0; i < RULES - 1; i++) {
            restore.append("-A FORWARD -s 10.").append(i >>> 8 & 0xff).append('.').append(i & 0xff)
                    .append(".1/32 -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT\n");
        }
        restore.append("-A FORWARD -m conntrack --ctstate ESTABLISHED --ctorigdst 192.168.1.2 --ctreplsrcport 8080"
                + " -j ACCEPT\nCOMMIT\n");
        Netfilter netfilter = Netfilter.empty();
        CommandResult result = Iptables.execute(netfilter, List.of("iptables-restore"), restore.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException(result.stderr());
        }
        engine = new NetfilterEngine(netfilter, EngineEnvironment.standalone());

        ConntrackTable table = new ConntrackTable();
        table.confirm(table.track(ConntrackPacket.tcp(CLIENT, SERVER, 40000, 8080, TcpFlagBits.SYN, 0, 60), 0), 0);
        table.track(ConntrackPacket.tcp(SERVER, CLIENT, 8080, 40000, TcpFlagBits.SYN | TcpFlagBits.ACK, 0, 60), 0);
        established = table.track(ConntrackPacket.tcp(CLIENT, SERVER, 40000, 8080, TcpFlagBits.ACK, 0, 52), 0);
        packet = PacketContext.of(PacketText.parse("tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags A"))
                .interfaces("eth0", "eth1");
        Decision decision = established();
        if (decision.kind() != Decision.Kind.ACCEPT || decision.place().number() != RULES) {
            throw new IllegalStateException("benchmark ruleset broken: " + decision);
        }
    }

    /** One packet: its connection's view set as the conntrack hook sets it, then FORWARD's filter table. */
    @Benchmark
    public Decision established() {
        packet.conntrack(view.of(established, 0));
        return engine.evaluate(TableKind.FILTER, Hook.FORWARD, packet);
    }
}
