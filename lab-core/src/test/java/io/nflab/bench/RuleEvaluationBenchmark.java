package io.nflab.bench;

import io.nflab.iptables.CommandResult;
import io.nflab.iptables.Iptables;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.eval.Decision;
import io.nflab.netfilter.eval.EngineEnvironment;
import io.nflab.netfilter.eval.NetfilterEngine;
import io.nflab.netfilter.eval.PacketContext;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rule engine's cost per packet as the filter INPUT chain grows from 10 to 10,000 rules: a typical
 * host firewall (established traffic, loopback, ping) followed by per-address SSH allowances, per-port
 * service ACCEPTs, per-address UDP services and per-address DROPs. {@code matchNearEnd} sends a packet
 * that one of the last rules accepts (the last ACCEPT of the first two kinds but one rule),
 * {@code matchNone} one that no rule matches (the policy drops it).
 * Run with {@code tools/jmh RuleEvaluation}; results in docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleEvaluationBenchmark {

    @Param({"10", "100", "1000", "10000"})
    int rules;

    private NetfilterEngine engine;
    private PacketContext nearEnd;
    private PacketContext noMatch;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder restore = new StringBuilder("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n")
                .append("-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n")
                .append("-A INPUT -i lo -j ACCEPT\n")
                .append("-A INPUT -p icmp --icmp-type echo-request -j ACCEPT\n");
        int generated = rules - 3;
        for (int i = 0; i < generated; i++) {
            restore.append(rule(i)).append('\n');
        }
        restore.append("COMMIT\n");
        Netfilter netfilter = Netfilter.empty();
        CommandResult result = Iptables.execute(netfilter, List.of("iptables-restore"), restore.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException(result.stderr());
        }
        engine = new NetfilterEngine(netfilter, EngineEnvironment.standalone());
        int last = generated - 2;
        while (last % 4 > 1) {
            last--;
        }
        nearEnd = PacketContext.of(PacketText.parse(packetFor(last))).interfaces("eth0", "");
        noMatch = PacketContext.of(PacketText.parse("tcp 10.250.250.250:40000 > 10.0.0.1:9 flags S"))
                .interfaces("eth0", "");
        check(matchNearEnd(), Decision.Kind.ACCEPT, 3 + last + 1);
        check(matchNone(), Decision.Kind.DROP, rules + 1);
    }

    /** Rule {@code i} of the generated part: four kinds in turn. */
    private static String rule(int i) {
        return switch (i % 4) {
            case 0 -> "-A INPUT -s " + address(10, i) + "/32 -p tcp --dport 22 -j ACCEPT";
            case 1 -> "-A INPUT -p tcp --dport " + (1024 + i) + " -j ACCEPT";
            case 2 -> "-A INPUT -s " + address(172, i) + "/32 -p udp --dport " + (2000 + i % 1000) + " -j ACCEPT";
            default -> "-A INPUT -d " + address(192, i) + " -j DROP";
        };
    }

    /** A packet that rule {@code i} (and no earlier rule) matches. */
    private static String packetFor(int i) {
        return switch (i % 4) {
            case 0 -> "tcp " + address(10, i) + ":40000 > 10.0.0.1:22 flags S";
            case 1 -> "tcp 10.250.0.1:40000 > 10.0.0.1:" + (1024 + i) + " flags S";
            case 2 -> "udp " + address(172, i) + ":5353 > 10.0.0.1:" + (2000 + i % 1000);
            default -> "tcp 10.250.0.1:40000 > " + address(192, i) + ":80 flags S";
        };
    }

    private static String address(int first, int i) {
        return first + "." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff);
    }

    private static void check(Decision decision, Decision.Kind kind, int number) {
        if (decision.kind() != kind || decision.place().number() != number) {
            throw new IllegalStateException("benchmark ruleset broken: " + decision);
        }
    }

    @Benchmark
    public Decision matchNearEnd() {
        return engine.evaluate(TableKind.FILTER, Hook.INPUT, nearEnd);
    }

    @Benchmark
    public Decision matchNone() {
        return engine.evaluate(TableKind.FILTER, Hook.INPUT, noMatch);
    }
}
