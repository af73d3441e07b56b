package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.CtState;
import io.nflab.packet.PacketText;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluating a packet allocates nothing once the ruleset is compiled (DESIGN.md: "rule evaluation does
 * not allocate"): measured with the JVM's per-thread allocation counter, not with time.
 */
class NoAllocationTest {

    @Test
    void evaluationAllocatesNoBytes() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);

        List<String> commands = new ArrayList<>();
        commands.add("-P INPUT DROP");
        commands.add("-N SERVICES");
        commands.add("-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT");
        commands.add("-A INPUT -p tcp --dport 22 -m recent --rcheck --seconds 60 --name SSH -j DROP");
        commands.add("-A INPUT -p icmp -m limit --limit 1/second -j ACCEPT");
        commands.add("-A INPUT -j SERVICES");
        for (int i = 0; i < 500; i++) {
            commands.add("-A SERVICES -s 10." + (i / 250) + "." + (i % 250) + ".0/24 -p tcp --dport " + (1000 + i)
                    + " -j ACCEPT");
            commands.add("-A SERVICES -p udp --dport " + (2000 + i) + " -m comment --comment svc" + i + " -j ACCEPT");
        }
        commands.add("-A SERVICES -p tcp -m multiport --dports 80,443 -j MARK --set-mark 1");
        commands.add("-A SERVICES -m mark --mark 1 -j RETURN");
        Netfilter netfilter = Rulesets.of(commands.toArray(new String[0]));
        NetfilterEngine engine = new NetfilterEngine(netfilter, EngineEnvironment.standalone());
        PacketContext[] packets = {
            PacketContext.of(PacketText.parse("tcp 10.1.4.9:40000 > 10.0.0.1:1254 flags S")).interfaces("eth0", ""),
            PacketContext.of(PacketText.parse("udp 10.1.4.9:5353 > 10.0.0.1:2499 len 20")).interfaces("eth0", ""),
            PacketContext.of(PacketText.parse("tcp 10.9.9.9:40000 > 10.0.0.1:443 flags S")).interfaces("eth0", ""),
            PacketContext.of(PacketText.parse("tcp 10.9.9.9:40000 > 10.0.0.1:22 flags A")).interfaces("eth0", "")
                    .conntrack(TestConntrack.of(CtState.ESTABLISHED)),
            PacketContext.of(PacketText.parse("icmp 10.9.9.9 > 10.0.0.1 echo-request id 1 seq 1")).interfaces("eth0", ""),
        };
        evaluateAll(engine, packets, 1_000);
        evaluateAll(engine, packets, 20_000);
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        evaluateAll(engine, packets, 20_000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // One small object per evaluation would be 1,600,000 bytes or more; the JIT's own work on this
        // thread (deoptimization, on-stack replacement) shows up as a few dozen bytes now and then.
        assertTrue(allocated < 1024, allocated + " bytes allocated by 100,000 evaluations");
    }

    private static void evaluateAll(NetfilterEngine engine, PacketContext[] packets, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (PacketContext packet : packets) {
                packet.mark = 0;
                packet.now = round * 1_000_000L;
                engine.evaluate(TableKind.FILTER, Hook.INPUT, packet);
            }
        }
    }
}
