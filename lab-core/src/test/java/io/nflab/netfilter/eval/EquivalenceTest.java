package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.iptables.CommandResult;
import io.nflab.iptables.Iptables;
import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.TableKind;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled, indexed engine against {@link ReferenceEvaluator}, a plain rule-by-rule walk: for seeded
 * random rulesets (user chains, jumps, gotos, returns, marks, many matches, chains long enough to be
 * indexed) and random packets, both must reach the same decision at the same place, leave the same mark,
 * trace the same entries and count the same packets and bytes for every rule and policy.
 */
class EquivalenceTest {
    private static final int PACKETS = 300;
    private static final String[] ADDRESSES = {"10.0.0.1", "10.0.0.2", "10.0.1.7", "10.1.0.3", "10.2.2.2",
        "192.168.1.1", "192.168.1.20", "203.0.113.5", "172.16.0.9", "8.8.8.8"};
    private static final int[] PORTS = {22, 53, 80, 443, 1000, 1500, 2000, 8080, 40000, 65535};
    private static final String[] INTERFACES = {"eth0", "eth1", "ppp0"};

    static Stream<Long> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> 0x5eed0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineAndReferenceAgree(long seed) {
        Random random = new Random(seed);
        Netfilter compiled = Netfilter.empty();
        CommandResult restored = Iptables.execute(compiled, List.of("iptables-restore"), ruleset(random));
        assertEquals(0, restored.exitCode(), restored.stderr());
        Netfilter plain = compiled.copy();
        NetfilterEngine engine = new NetfilterEngine(compiled,
                EngineEnvironment.standalone().withLog(new RecordingLog()));
        RecordingLog traces = new RecordingLog();
        NetfilterEngine tracingEngine = new NetfilterEngine(compiled, EngineEnvironment.standalone().withLog(traces));
        ReferenceEvaluator reference = new ReferenceEvaluator(plain.table(TableKind.FILTER).orElseThrow());
        for (int i = 0; i < PACKETS; i++) {
            Ipv4Packet packet = PacketText.parse(packet(random));
            Hook hook = random.nextBoolean() ? Hook.INPUT : Hook.FORWARD;
            String in = INTERFACES[random.nextInt(INTERFACES.length)];
            String out = hook == Hook.FORWARD ? INTERFACES[random.nextInt(INTERFACES.length)] : "";
            long mark = new long[] {0, 1, 2, 0x10, 0x21}[random.nextInt(5)];
            boolean traced = i % 5 == 0;
            PacketContext context = PacketContext.of(packet).interfaces(in, out).mark(mark).traced(traced);
            traces.traces.clear();
            Decision decision = (traced ? tracingEngine : engine).evaluate(TableKind.FILTER, hook, context);
            reference.mark = mark;
            List<String> referenceTraces = traced ? new ArrayList<>() : null;
            ReferenceEvaluator.Outcome expected = reference.run(hook, packet, in, out, referenceTraces);
            String what = "seed " + seed + " packet " + i + " " + packet + " at " + hook + " in " + in + " out " + out;
            assertEquals(expected, new ReferenceEvaluator.Outcome(decision.kind(), decision.place().chain(),
                    decision.place().step(), decision.place().number()), what);
            assertEquals(reference.mark, context.mark(), what);
            if (traced) {
                List<String> places = new ArrayList<>();
                traces.tracePlaces().forEach(place -> places.add(place.substring("filter:".length())));
                assertEquals(referenceTraces, places, what);
            }
        }
        Table mine = compiled.table(TableKind.FILTER).orElseThrow();
        for (Chain chain : plain.table(TableKind.FILTER).orElseThrow().chains()) {
            Chain other = mine.chain(chain.name()).orElseThrow();
            for (int rule = 0; rule < chain.size(); rule++) {
                assertEquals(chain.ruleCounters(rule), other.ruleCounters(rule),
                        "seed " + seed + " " + chain.name() + " rule " + (rule + 1));
            }
            assertEquals(chain.policyCounters(), other.policyCounters(), "seed " + seed + " " + chain.name());
        }
    }

    /** An iptables-restore text: INPUT and FORWARD (long enough to be indexed), user chains, jumps forward only. */
    private static String ruleset(Random random) {
        int users = random.nextInt(5);
        StringBuilder text = new StringBuilder("*filter\n:INPUT " + (random.nextBoolean() ? "ACCEPT" : "DROP")
                + " [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int u = 0; u < users; u++) {
            text.append(":U").append(u).append(" - [0:0]\n");
        }
        for (String base : new String[] {"INPUT", "FORWARD"}) {
            int rules = random.nextInt(4) == 0 ? random.nextInt(8) : 8 + random.nextInt(300);
            for (int i = 0; i < rules; i++) {
                text.append("-A ").append(base).append(' ').append(rule(random, 0, users)).append('\n');
            }
        }
        for (int u = 0; u < users; u++) {
            int rules = random.nextInt(3) == 0 ? random.nextInt(60) : random.nextInt(8);
            for (int i = 0; i < rules; i++) {
                text.append("-A U").append(u).append(' ').append(rule(random, u + 1, users)).append('\n');
            }
        }
        return text.append("COMMIT\n").toString();
    }

    /** One rule; it may jump or go only to user chains numbered {@code firstTarget} or higher (no loops). */
    private static String rule(Random random, int firstTarget, int users) {
        List<String> parts = new ArrayList<>();
        int protocol = random.nextInt(20);
        String proto = protocol < 8 ? "tcp" : protocol < 12 ? "udp" : protocol < 14 ? "icmp" : null;
        if (proto != null) {
            parts.add("-p " + proto);
        } else if (protocol == 14) {
            parts.add("! -p tcp");
        }
        if (random.nextInt(10) < 3) {
            parts.add(prefix(random, "-s"));
        }
        if (random.nextInt(10) < 3) {
            parts.add(prefix(random, "-d"));
        }
        if (random.nextInt(10) < 2) {
            parts.add(new String[] {"-i eth0", "-i eth1", "-i eth+", "! -i eth0", "-i ppp0"}[random.nextInt(5)]);
        }
        boolean portMatch = false;
        if ("tcp".equals(proto) || "udp".equals(proto)) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                parts.add((random.nextInt(8) == 0 ? "! " : "") + "--dport " + port(random));
                portMatch = true;
            } else if (kind < 6) {
                int first = 1000 + random.nextInt(500);
                parts.add("--dport " + first + ":" + (first + random.nextInt(700)));
                portMatch = true;
            } else if (kind < 7) {
                parts.add("--sport " + port(random));
                portMatch = true;
            } else if (kind < 8) {
                parts.add("-m multiport --dports " + port(random) + "," + port(random) + ",1000:2000");
                portMatch = true;
            }
            if ("tcp".equals(proto) && random.nextInt(6) == 0) {
                parts.add(random.nextBoolean() ? "--syn" : "--tcp-flags SYN,ACK ACK");
            }
        } else if ("icmp".equals(proto) && random.nextBoolean()) {
            parts.add("--icmp-type " + new String[] {"echo-request", "echo-reply", "3", "any", "3/3"}[random.nextInt(5)]);
        }
        if (random.nextInt(10) == 0) {
            parts.add("-m mark " + (random.nextInt(4) == 0 ? "! " : "") + "--mark "
                    + new String[] {"1", "2", "0x10", "0x20/0xf0", "0"}[random.nextInt(5)]);
        }
        if (random.nextInt(20) == 0) {
            parts.add("-m iprange --src-range 10.0.0.0-10.0.255.255");
        }
        if (random.nextInt(20) == 0) {
            parts.add("-m length --length " + (20 + random.nextInt(40)) + ":" + (60 + random.nextInt(100)));
        }
        if (random.nextInt(20) == 0) {
            parts.add("-m ttl --ttl-lt 64");
        }
        if (!portMatch && proto == null && random.nextInt(20) == 0) {
            parts.add(random.nextBoolean() ? "-f" : "! -f");
        }
        if (random.nextInt(20) == 0) {
            parts.add("-m comment --comment note");
        }
        parts.add(target(random, firstTarget, users));
        return String.join(" ", parts).trim();
    }

    private static String target(Random random, int firstTarget, int users) {
        int choice = random.nextInt(100);
        boolean canJump = firstTarget < users;
        if (choice < 25) {
            return "-j ACCEPT";
        } else if (choice < 45) {
            return "-j DROP";
        } else if (choice < 55) {
            return "-j RETURN";
        } else if (choice < 70 && canJump) {
            return "-j U" + (firstTarget + random.nextInt(users - firstTarget));
        } else if (choice < 75 && canJump) {
            return "-g U" + (firstTarget + random.nextInt(users - firstTarget));
        } else if (choice < 85) {
            return "-j MARK --set-mark " + random.nextInt(3);
        }
        return "";
    }

    private static String prefix(Random random, String option) {
        String address = ADDRESSES[random.nextInt(ADDRESSES.length)];
        int length = new int[] {8, 16, 24, 32, 32}[random.nextInt(5)];
        return (random.nextInt(8) == 0 ? "! " : "") + option + " " + address + "/" + length;
    }

    private static int port(Random random) {
        return PORTS[random.nextInt(PORTS.length)];
    }

    private static String packet(Random random) {
        String source = ADDRESSES[random.nextInt(ADDRESSES.length)];
        String destination = ADDRESSES[random.nextInt(ADDRESSES.length)];
        String ttl = " ttl " + (random.nextInt(4) == 0 ? 1 + random.nextInt(255) : 64);
        int kind = random.nextInt(20);
        if (kind < 10) {
            return "tcp " + source + ":" + port(random) + " > " + destination + ":" + port(random) + " flags "
                    + new String[] {"S", "SA", "A", "PA", "FA", "R"}[random.nextInt(6)] + " len " + random.nextInt(100) + ttl;
        } else if (kind < 15) {
            return "udp " + source + ":" + port(random) + " > " + destination + ":" + port(random) + " len "
                    + random.nextInt(50) + ttl;
        } else if (kind < 18) {
            return random.nextBoolean() ? "icmp " + source + " > " + destination + " echo-request id 1 seq 1" + ttl
                    : "icmp " + source + " > " + destination + " port-unreachable [udp " + destination + ":53 > "
                    + source + ":" + port(random) + "]" + ttl;
        } else if (kind < 19) {
            return "proto tcp " + source + " > " + destination + " frag " + (1 + random.nextInt(100)) + " len 16" + ttl;
        }
        return "gre " + source + " > " + destination + " len 8" + ttl;
    }
}
