package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the table with the real kernel: the same packets go through a Linux router in throwaway network
 * namespaces (see {@link KernelProbe}) and through a {@link ConntrackTable}; every packet must get the same
 * state and direction, and /proc/net/nf_conntrack must show the same entries. Skips without root.
 */
class KernelComparisonTest {
    @BeforeAll
    static void kernelAvailable() {
        KernelProbe.assumeAvailable();
    }

    @Test
    void basicFlowsOfEveryProtocol() {
        ProbeScenario.Send udpQuery = new ProbeScenario.Send('a', Protocols.UDP, 5000, 53, "", 30, 0, 0, 0, null);
        compare(new ProbeScenario().sysctl("net.netfilter.nf_conntrack_acct", "1")
                .tcp('a', 40000, 80, "S").proc()
                .tcp('b', 40000, 80, "SA").tcp('a', 40000, 80, "A").tcp('a', 40000, 80, "PA", 100).proc()
                .tcp('b', 40000, 80, "A").proc()
                .send(udpQuery).icmpError('b', 3, 3, udpQuery)
                .icmp('a', 8, 0, 77, 56).icmp('b', 0, 0, 77, 56)
                .other('a', Protocols.GRE).other('a', 50).proc());
    }

    @Test
    void randomTcpFlows() {
        for (long seed = Long.getLong("ct.seed0", 1); seed <= Long.getLong("ct.seed1", 8); seed++) {
            compare(randomTcp(seed, 14));
        }
    }

    @Test
    void randomMixedFlowsWithCountersAndTime() {
        for (long seed = Long.getLong("ct.seed0", 1); seed <= Long.getLong("ct.seed1", 2); seed++) {
            compare(randomMixed(seed, 16).sysctl("net.netfilter.nf_conntrack_acct", "1"));
        }
    }

    @Test
    void noPickUpWhenLooseIsOff() {
        compare(new ProbeScenario().sysctl("net.netfilter.nf_conntrack_tcp_loose", "0")
                .tcp('a', 40000, 80, "PA", 10).tcp('b', 40000, 80, "A").tcp('a', 40001, 80, "S")
                .tcp('b', 40001, 80, "SA").tcp('a', 40001, 80, "A").proc());
    }

    /** UDP, ICMP echo, ICMP errors quoting earlier packets and TCP, with pauses of about a second. */
    static ProbeScenario randomMixed(long seed, int packets) {
        java.util.Random random = new java.util.Random(seed);
        String[] tcpKinds = {"S", "SA", "A", "PA", "FA", "R"};
        ProbeScenario scenario = new ProbeScenario();
        List<ProbeScenario.Send> sent = new java.util.ArrayList<>();
        for (int i = 0; i < packets; i++) {
            char from = random.nextBoolean() ? 'a' : 'b';
            ProbeScenario.Send send = switch (random.nextInt(5)) {
                case 0, 1 -> new ProbeScenario.Send(from, Protocols.UDP, 5000 + random.nextInt(2), 53, "",
                        random.nextInt(100), 0, 0, 0, null);
                case 2 -> new ProbeScenario.Send(from, Protocols.ICMP, 0, 0, "", 56, random.nextInt(4) == 0 ? 0 : 8,
                        0, 7 + random.nextInt(2), null);
                case 3 -> {
                    String flags = tcpKinds[random.nextInt(tcpKinds.length)];
                    yield new ProbeScenario.Send(from, Protocols.TCP, 42000, 22, flags, flags.contains("P") ? 50 : 0,
                            0, 0, 0, null);
                }
                default -> sent.isEmpty() ? new ProbeScenario.Send(from, 47, 0, 0, "", 0, 0, 0, 0, null)
                        : icmpErrorAbout(sent.get(random.nextInt(sent.size())), random);
            };
            scenario.send(send);
            sent.add(send);
            if (random.nextInt(4) == 0) {
                scenario.sleep(0.6 + random.nextDouble());
            }
            if (random.nextInt(3) == 0) {
                scenario.proc();
            }
        }
        return scenario.proc();
    }

    /** An ICMP error about {@code quoted}, sent back to its sender (or, sometimes, onwards). */
    private static ProbeScenario.Send icmpErrorAbout(ProbeScenario.Send quoted, java.util.Random random) {
        char from = random.nextInt(4) == 0 ? quoted.from() : quoted.from() == 'a' ? 'b' : 'a';
        int type = random.nextBoolean() ? 3 : 11;
        return new ProbeScenario.Send(from, Protocols.ICMP, 0, 0, "", 0, type, type == 3 ? 3 : 0, 0, quoted);
    }

    /** A seeded batch of TCP segments of random kinds in random directions over two connections. */
    static ProbeScenario randomTcp(long seed, int packets) {
        java.util.Random random = new java.util.Random(seed);
        String[] kinds = {"S", "SA", "A", "PA", "FA", "R", "RA", "F", "", "SF", "AU"};
        ProbeScenario scenario = new ProbeScenario();
        for (int i = 0; i < packets; i++) {
            char from = random.nextInt(3) == 0 ? 'b' : random.nextBoolean() ? 'a' : 'b';
            String flags = kinds[random.nextInt(kinds.length)];
            int port = 41000 + random.nextInt(2);
            scenario.tcp(from, port, 443, flags, flags.contains("P") ? 1 + random.nextInt(300) : 0);
            if (random.nextInt(3) == 0) {
                scenario.proc();
            }
        }
        return scenario.proc();
    }

    static void compare(ProbeScenario scenario) {
        String report = differences(scenario);
        assertTrue(report.isEmpty(), report);
    }

    /** Empty when the kernel and the table agree; else every step, kernel and nflab side by side. */
    static String differences(ProbeScenario scenario) {
        return differences(scenario, KernelProbe.run(scenario));
    }

    /** {@link #differences(ProbeScenario)} against a kernel run already made. */
    static String differences(ProbeScenario scenario, List<JsonNode> kernel) {
        List<String> expected = ModelReplay.describeKernel(scenario, kernel);
        List<String> actual = ModelReplay.replay(scenario, kernel, new ConntrackTable());
        boolean same = true;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < expected.size(); i++) {
            boolean proc = !(scenario.steps().get(i) instanceof ProbeScenario.Send);
            boolean ok = ModelReplay.sameOutcome(scenario.steps().get(i), expected.get(i), actual.get(i));
            same &= ok;
            report.append(ok ? "   " : "!! ").append("step ").append(i).append(": ");
            if (proc) {
                report.append("listing\n  kernel:\n").append(expected.get(i)).append("  nflab:\n").append(actual.get(i));
            } else {
                report.append("kernel ").append(expected.get(i)).append(ok ? "" : "\n           nflab  "
                        + actual.get(i)).append('\n');
            }
        }
        return same ? "" : report.toString();
    }
}
