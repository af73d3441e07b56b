package io.nflab.stack;

import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * One seeded random case of the kernel comparison ({@link RandomKernelComparisonTest}): a ruleset for the
 * gateway of {@link #TOPOLOGY} (iptables-restore text; empty for no tables at all) and the packets the nodes
 * send, in order. The same seed always gives the same case, so a failure replays with {@code -Dnflab.seed=}.
 *
 * <p>The lab: {@code client} (10.1.0.2) — {@code gw} (10.1.0.1 on eth0, 10.2.0.1 on eth1, forwards) —
 * {@code server} (10.2.0.2). Services (all {@code discard}, which is what a kernel lab's sockets do): TCP 80
 * and 443 and UDP 53 on the server, TCP 22 and UDP 53 on the gateway, TCP 8080 on the client.
 *
 * @param seed    the seed that made it
 * @param ruleset the gateway's ruleset, iptables-save format
 * @param sends   the packets, each sent by a node's own stack
 */
public record RandomCase(long seed, String ruleset, List<Send> sends) {

    /** The topology every case runs on (the gateway's ruleset comes from the case). */
    public static final String TOPOLOGY = """
            name: random-compare
            segments: { left: {}, right: {} }
            nodes:
              client:
                kind: host
                interfaces: { eth0: { segment: left, address: 10.1.0.2/24 } }
                routes: [ "default via 10.1.0.1" ]
                services: [ { app: discard, proto: tcp, port: 8080 } ]
              gw:
                kind: gateway
                interfaces:
                  eth0: { segment: left, address: 10.1.0.1/24 }
                  eth1: { segment: right, address: 10.2.0.1/24 }
                services: [ { app: discard, proto: tcp, port: 22 }, { app: discard, proto: udp, port: 53 } ]
              server:
                kind: host
                interfaces: { eth0: { segment: right, address: 10.2.0.2/24 } }
                routes: [ "default via 10.2.0.1" ]
                services: [ { app: discard, proto: tcp, port: 80 }, { app: discard, proto: tcp, port: 443 },
                            { app: discard, proto: udp, port: 53 } ]
            """;

    /** {@link #TOPOLOGY} written to {@code dir}/topology.yaml and loaded from there. */
    public static Topology topology(Path dir) throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, TOPOLOGY);
        return TopologyLoader.load(file);
    }

    /** The interfaces whose received packets are compared. */
    static final List<String[]> WATCHED = List.of(new String[] {"client", "eth0"}, new String[] {"gw", "eth0"},
            new String[] {"gw", "eth1"}, new String[] {"gw", "lo"}, new String[] {"server", "eth0"});

    /** One packet a node sends, in packet text. */
    public record Send(String node, String packet) {
        @Override
        public String toString() {
            return node + ": " + packet;
        }
    }

    public RandomCase {
        sends = List.copyOf(sends);
    }

    /** The case of {@code seed}. */
    public static RandomCase generate(long seed) {
        Random random = new Random(seed);
        String ruleset = new RandomRuleset(random).generate();
        List<Send> sends = new RandomFlows(random).generate();
        return new RandomCase(seed, ruleset, sends);
    }

    /** The seed, the ruleset and the packets, for a failure message. */
    public String describe() {
        return "seed " + seed + " (replay: -Dnflab.seed=" + seed + ")\n--- gw ruleset\n" + ruleset
                + "--- packets\n" + sends.stream().map(s -> "  " + s).collect(Collectors.joining("\n")) + "\n";
    }

    /** Random flows between the three nodes: TCP handshakes and stray segments, UDP, ICMP echo. */
    static final class RandomFlows {
        private static final int[] TCP_PORTS = {22, 80, 443, 8080, 81, 8000, 2222};
        private static final int[] UDP_PORTS = {53, 54, 5353};
        private final Random random;

        RandomFlows(Random random) {
            this.random = random;
        }

        /** A source and a destination address for a packet from {@code node}. */
        private record Path(String node, String source, String destination) {
        }

        private static final List<Path> PATHS = List.of(
                new Path("client", "10.1.0.2", "10.2.0.2"), new Path("client", "10.1.0.2", "10.1.0.1"),
                new Path("client", "10.1.0.2", "10.2.0.1"), new Path("server", "10.2.0.2", "10.1.0.2"),
                new Path("server", "10.2.0.2", "10.2.0.1"), new Path("server", "10.2.0.2", "10.1.0.1"),
                new Path("gw", "10.1.0.1", "10.1.0.2"), new Path("gw", "10.2.0.1", "10.2.0.2"),
                new Path("client", "10.1.0.2", "10.2.0.2"), new Path("server", "10.2.0.2", "10.1.0.2"));

        List<Send> generate() {
            List<Send> sends = new ArrayList<>();
            int count = 3 + random.nextInt(6);
            List<String[]> tcpFlows = new ArrayList<>();
            while (sends.size() < count) {
                int kind = random.nextInt(10);
                if (kind < 2 && !tcpFlows.isEmpty()) {
                    // Only segments that acknowledge nothing: an ACK of a SYN-ACK (whose sequence number the
                    // kernel picks at random) would be in or out of conntrack's window by chance, and the emulator
                    // does not track windows (docs/fidelity.md, "TCP window tracking").
                    String[] flow = tcpFlows.get(random.nextInt(tcpFlows.size()));
                    boolean reset = random.nextBoolean();
                    sends.add(new Send(flow[0], flow[1] + (reset ? " flags R seq " + flow[2]
                            : " flags S seq " + (Long.parseLong(flow[2]) - 1)) + ttlAndTos()));
                    continue;
                }
                Path path = PATHS.get(random.nextInt(PATHS.size()));
                int sport = 1024 + random.nextInt(60000);
                if (kind < 6) {
                    String head = "tcp " + path.source() + ":" + sport + " > " + path.destination() + ":"
                            + TCP_PORTS[random.nextInt(TCP_PORTS.length)];
                    long seq = 1 + random.nextInt(1_000_000);
                    boolean syn = random.nextInt(4) != 0;
                    sends.add(new Send(path.node(), head + (syn ? " flags S seq " + seq
                            : " flags A seq " + seq + " ack " + (1 + random.nextInt(1000))) + ttlAndTos()));
                    tcpFlows.add(new String[] {path.node(), head, Long.toString(seq + 1)});
                } else if (kind < 8) {
                    sends.add(new Send(path.node(), "udp " + path.source() + ":" + sport + " > " + path.destination()
                            + ":" + UDP_PORTS[random.nextInt(UDP_PORTS.length)] + " len " + random.nextInt(20)
                            + ttlAndTos()));
                } else {
                    sends.add(new Send(path.node(), "icmp " + path.source() + " > " + path.destination()
                            + " echo-request id " + (1 + random.nextInt(60000)) + " seq 1 len 8" + ttlAndTos()));
                }
            }
            return sends;
        }

        private String ttlAndTos() {
            String ttl = random.nextInt(8) == 0 ? " ttl 1" : "";
            String tos = random.nextInt(8) == 0 ? " tos 0x10" : "";
            return ttl + tos;
        }
    }
}
