package io.nflab.routing;

import io.nflab.kernel.NetnsAvailability;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kernel comparison for policy routing: for a seeded batch of random rule sets — every selector
 * ({@code not}, {@code from}, {@code to}, {@code tos}, {@code fwmark}, {@code iif}, {@code oif},
 * {@code ipproto}, {@code sport}, {@code dport}, {@code uidrange}) and action ({@code lookup}, {@code goto}
 * resolved or not, {@code nop}, {@code blackhole}, {@code unreachable}, {@code prohibit}, {@code type throw})
 * over tables with gateway, throw and error routes — the same {@code ip} commands run on a real namespace and
 * on the emulated one, and every answer must be identical: the rules added (errors included), {@code ip rule},
 * and {@code ip route get} of output and input flows with random marks, TOS, protocols, ports and uids (what
 * {@code NetStack} asks {@code IpNamespace} for every packet). Runs where root and network namespaces exist.
 * {@code -Dnflab.ruleScenarios=N} runs more.
 */
class KernelRuleComparisonTest {

    private static final int SCENARIOS = Integer.getInteger("nflab.ruleScenarios", 8);
    private static final List<String> DEVICES = List.of("eth0", "eth1", "eth2");
    private static final String[] LOCALS = {"192.168.1.2", "10.1.0.1", "172.16.0.1"};
    private static final String[] FOREIGN = {"192.168.1.9", "10.1.0.50", "172.16.0.9"};
    private static final String[] DESTINATIONS = {"8.8.8.8", "8.8.4.4", "9.9.9.9", "9.1.1.1", "7.7.7.7",
        "5.5.5.5", "1.1.1.1", "192.168.1.9", "10.1.2.3", "172.16.0.9", "192.168.1.2"};
    private static final String[] PREFIXES = {"8.8.0.0/16", "8.8.8.8", "9.0.0.0/8", "192.168.1.0/24",
        "10.1.0.0/16", "172.16.0.0/24", "0.0.0.0/1", "10.1.0.50"};
    private static final String[] TABLES = {"100", "200", "300", "main"};
    private static final int[] PRIORITIES = {10, 20, 30, 40, 50, 100, 150, 200, 300};

    @TestFactory
    Stream<DynamicTest> randomRuleSetsAnswerLikeLinux() {
        NetnsAvailability.assumeAvailable();
        return LongStream.rangeClosed(1, SCENARIOS)
                .mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> compare(seed)));
    }

    private static void compare(long seed) {
        Random random = new Random(seed);
        boolean forwarding = random.nextInt(4) != 0;
        int rpFilter = random.nextInt(3);
        KernelIpComparison.compare("rules seed " + seed, DEVICES, forwarding, rpFilter, -1, commands(random));
    }

    private static List<List<String>> commands(Random random) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(ip("link set lo up"));
        for (int i = 0; i < DEVICES.size(); i++) {
            commands.add(ip("link set " + DEVICES.get(i) + " up"));
        }
        commands.add(ip("addr add 192.168.1.2/24 dev eth0"));
        commands.add(ip("addr add 10.1.0.1/16 dev eth1"));
        commands.add(ip("addr add 172.16.0.1/24 dev eth2"));
        for (String route : List.of("default via 192.168.1.254", "default via 10.1.0.254 table 100",
                "8.8.0.0/16 via 172.16.0.254 table 200", "throw 9.0.0.0/8 table 200", "prohibit 9.9.0.0/16 table 200",
                "unreachable 8.8.8.0/24 table 300", "blackhole 7.0.0.0/8 table 300",
                "5.0.0.0/8 via 192.168.1.253 table 300", "10.1.0.0/16 dev eth1 table 300")) {
            commands.add(ip("route add " + route));
        }
        int rules = 3 + random.nextInt(8);
        for (int r = 0; r < rules; r++) {
            commands.add(ip("rule add " + rule(random)));
        }
        commands.add(ip("rule"));
        for (int q = 0; q < 30; q++) {
            commands.add(ip("route get " + pick(random, DESTINATIONS) + outputFlow(random)));
        }
        for (int q = 0; q < 20; q++) {
            int device = random.nextInt(DEVICES.size());
            commands.add(ip("route get " + pick(random, DESTINATIONS) + " from " + FOREIGN[device] + " iif "
                    + DEVICES.get(device) + flowKeys(random)));
        }
        if (random.nextBoolean()) {
            commands.add(ip("rule del pref " + PRIORITIES[random.nextInt(PRIORITIES.length)]));
            commands.add(ip("rule"));
            for (int q = 0; q < 10; q++) {
                commands.add(ip("route get " + pick(random, DESTINATIONS) + outputFlow(random)));
            }
        }
        return commands;
    }

    private static String rule(Random random) {
        StringBuilder rule = new StringBuilder();
        int priority = PRIORITIES[random.nextInt(PRIORITIES.length)];
        rule.append("pref ").append(priority);
        if (random.nextInt(6) == 0) {
            rule.append(" not");
        }
        if (random.nextInt(4) == 0) {
            rule.append(" from ").append(pick(random, PREFIXES));
        }
        if (random.nextInt(3) == 0) {
            rule.append(" to ").append(pick(random, PREFIXES));
        }
        if (random.nextInt(6) == 0) {
            rule.append(" tos ").append(pick(random, new String[] {"0x04", "0x08", "0x10", "0x1c"}));
        }
        if (random.nextInt(3) == 0) {
            rule.append(" fwmark ").append(pick(random, new String[] {"1", "2", "0x10/0xf0", "3/1"}));
        }
        if (random.nextInt(6) == 0) {
            rule.append(" iif ").append(pick(random, new String[] {"eth0", "eth1", "lo"}));
        }
        if (random.nextInt(8) == 0) {
            rule.append(" oif ").append(pick(random, new String[] {"eth1", "eth2"}));
        }
        if (random.nextInt(5) == 0) {
            rule.append(" ipproto ").append(pick(random, new String[] {"tcp", "udp", "icmp"}));
        }
        if (random.nextInt(8) == 0) {
            rule.append(" sport ").append(pick(random, new String[] {"53", "1000-2000"}));
        }
        if (random.nextInt(5) == 0) {
            rule.append(" dport ").append(pick(random, new String[] {"80", "22-25"}));
        }
        if (random.nextInt(8) == 0) {
            rule.append(" uidrange ").append(pick(random, new String[] {"100-200", "0-0"}));
        }
        int action = random.nextInt(20);
        if (action < 12) {
            rule.append(" lookup ").append(pick(random, TABLES));
        } else if (action < 14) {
            rule.append(" goto ").append(priority + 10 * (1 + random.nextInt(10)));
        } else if (action < 15) {
            rule.append(" nop");
        } else if (action < 19) {
            rule.append(' ').append(pick(random, new String[] {"blackhole", "unreachable", "prohibit"}));
        } else {
            rule.append(" type throw");
        }
        return rule.toString();
    }

    /** An output lookup: maybe a source of ours or a bound device, then the flow's keys. */
    private static String outputFlow(Random random) {
        String flow = "";
        if (random.nextInt(4) == 0) {
            flow += " from " + pick(random, LOCALS);
        }
        if (random.nextInt(8) == 0) {
            flow += " oif " + DEVICES.get(random.nextInt(DEVICES.size()));
        }
        if (random.nextInt(6) == 0) {
            flow += " uid " + pick(random, new String[] {"0", "150", "500"});
        }
        return flow + flowKeys(random);
    }

    private static String flowKeys(Random random) {
        String keys = "";
        if (random.nextBoolean()) {
            keys += " mark " + pick(random, new String[] {"1", "2", "3", "0x10", "0x11", "0xff"});
        }
        if (random.nextInt(4) == 0) {
            keys += " tos " + pick(random, new String[] {"0x10", "0x08", "0x1c", "0x30"});
        }
        if (random.nextInt(3) == 0) {
            keys += " ipproto " + pick(random, new String[] {"tcp", "udp", "icmp"});
            if (random.nextBoolean()) {
                keys += " sport " + pick(random, new String[] {"53", "1500", "40000"});
            }
            if (random.nextBoolean()) {
                keys += " dport " + pick(random, new String[] {"80", "23", "443"});
            }
        }
        return keys;
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static List<String> ip(String arguments) {
        List<String> argv = new ArrayList<>();
        argv.add("ip");
        argv.addAll(List.of(arguments.split(" ")));
        return argv;
    }
}
