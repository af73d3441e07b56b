package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nflab.conntrack.ConntrackPacket;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.TcpFlagBits;
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

    private static com.sun.management.ThreadMXBean allocationCounter() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    @Test
    void aPacketOfARealConnectionReadingItsTuplesAllocatesNoBytes() {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        Netfilter netfilter = Rulesets.of("-P FORWARD DROP",
                "-A FORWARD -s 10.0.0.1/32 -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT",
                "-A FORWARD -m conntrack --ctstate ESTABLISHED --ctorigsrc 203.0.113.10 --ctorigdst 192.168.1.2"
                        + " --ctreplsrc 192.168.1.2 --ctrepldst 203.0.113.10 --ctorigsrcport 40000"
                        + " --ctorigdstport 8080 --ctreplsrcport 8080 --ctrepldstport 40000 --ctexpire 1:999999"
                        + " -j ACCEPT");
        NetfilterEngine engine = new NetfilterEngine(netfilter, EngineEnvironment.standalone());
        ConntrackTable table = new ConntrackTable();
        int client = 0xcb00710a;
        int server = 0xc0a80102;
        table.confirm(table.track(ConntrackPacket.tcp(client, server, 40000, 8080, TcpFlagBits.SYN, 0, 60), 0), 0);
        table.track(ConntrackPacket.tcp(server, client, 8080, 40000, TcpFlagBits.SYN | TcpFlagBits.ACK, 0, 60), 0);
        ConntrackResult established = table.track(ConntrackPacket.tcp(client, server, 40000, 8080, TcpFlagBits.ACK,
                0, 52), 0);
        PacketContext packet = PacketContext.of(PacketText.parse("tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags A"))
                .interfaces("eth0", "eth1");
        TrackedConnection view = new TrackedConnection();
        Runnable evaluations = () -> {
            for (int i = 0; i < 100_000; i++) {
                packet.conntrack(view.reuseFor(established, 0)); // as the net stack does for every packet
                if (engine.evaluate(TableKind.FILTER, Hook.FORWARD, packet).kind() != Decision.Kind.ACCEPT) {
                    throw new AssertionError("the ESTABLISHED rule should accept the packet");
                }
            }
        };
        evaluations.run();
        evaluations.run();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        evaluations.run();
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 1024, allocated + " bytes allocated by 100,000 evaluations");
    }

    @Test
    void evaluationAllocatesNoBytes() {
        com.sun.management.ThreadMXBean threads = allocationCounter();

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
