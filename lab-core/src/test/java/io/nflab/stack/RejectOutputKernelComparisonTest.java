package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.packet.PacketText;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A REJECT's answer is a locally generated packet: it goes through every OUTPUT table, raw included, with the
 * connection it answers already attached (tcp-reset: {@code nf_ct_attach}) or found by conntrack (an ICMP error
 * is RELATED). The gateway's counters, per table and per conntrack state, and what comes back to the client
 * must be the kernel's. Needs root and {@code ip netns}; skipped elsewhere.
 */
class RejectOutputKernelComparisonTest {
    private static final Path TOPOLOGY = Path.of("../topologies/port-forward/topology.yaml");

    @Test
    void rejectAnswersCrossRawAndMangleOutputLikeTheKernels() {
        try (KernelTwin twin = KernelTwin.start(KernelComparisonStackTest.withLabMacs(TopologyLoader.load(TOPOLOGY)))) {
            for (List<String> rule : List.of(
                    List.of("-I", "FORWARD", "-p", "tcp", "--dport", "23", "-j", "REJECT"),
                    List.of("-I", "FORWARD", "-p", "tcp", "--dport", "24", "-j", "REJECT", "--reject-with", "tcp-reset"),
                    List.of("-t", "raw", "-A", "OUTPUT", "-p", "icmp"),
                    List.of("-t", "raw", "-A", "OUTPUT", "-p", "tcp"),
                    List.of("-t", "raw", "-A", "OUTPUT", "-p", "icmp", "-j", "NOTRACK"),
                    List.of("-t", "mangle", "-A", "OUTPUT", "-m", "conntrack", "--ctstate", "RELATED"),
                    List.of("-t", "mangle", "-A", "OUTPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED"),
                    List.of("-t", "mangle", "-A", "OUTPUT", "-m", "conntrack", "--ctstate", "UNTRACKED"),
                    List.of("-t", "mangle", "-A", "OUTPUT", "-m", "conntrack", "--ctstate", "NEW"))) {
                String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("iptables"), rule.stream())
                        .toArray(String[]::new);
                KernelTwin.Pair<io.nflab.kernel.ProcessResult> added = twin.run("gw", argv);
                assertEquals(added.kernel(), added.stack(), String.join(" ", rule));
            }
            for (String syn : List.of("tcp 203.0.113.10:40023 > 192.168.1.2:23 flags S",
                    "tcp 203.0.113.10:40024 > 192.168.1.2:24 flags S")) {
                KernelTwin.Sent sent = twin.send("client", PacketText.parse(syn));
                KernelTwin.Pair<List<io.nflab.packet.Ipv4Packet>> back = KernelTwin.received(sent, "client", "eth0");
                assertEquals(back.kernel(), back.stack(), "what came back for " + syn);
            }
            KernelTwin.Pair<String> counters = twin.counters("gw");
            assertEquals(counters.kernel(), counters.stack());
            KernelTwin.Pair<String> entries = twin.conntrack("gw");
            assertEquals(entries.kernel(), entries.stack());
        }
    }
}
