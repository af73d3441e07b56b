package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.kernel.NetnsAvailability;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kernel comparison for routing: for a seeded batch of random namespaces — devices, addresses (some
 * secondaries), random routes of every type with metrics and sources, random forwarding and rp_filter, a
 * device down or without carrier — the same {@code ip} commands run on a real namespace and on the
 * emulated one, and every answer must be identical: the setup commands (errors included), {@code ip route
 * show table all}, and {@code ip route get} for random destinations, sources and input devices. Runs where
 * root and network namespaces exist; skips otherwise. Every namespace it creates is deleted.
 */
class KernelRouteComparisonTest {

    private static final int SCENARIOS = Integer.getInteger("nflab.routeScenarios", 12);
    private static final String[] DEVICES = {"eth0", "eth1", "eth2"};

    @TestFactory
    Stream<DynamicTest> randomRoutingTablesAnswerLikeLinux() {
        NetnsAvailability.assumeAvailable();
        return LongStream.rangeClosed(1, SCENARIOS)
                .mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> compare(seed)));
    }

    private static void compare(long seed) {
        Scenario scenario = new Scenario(new Random(seed));
        KernelIpComparison.compare("seed " + seed, List.of(DEVICES), scenario.forwarding, scenario.rpFilter,
                scenario.carrierless, scenario.commands());
    }

    /** One random namespace and the commands that build and question it. */
    private static final class Scenario {
        private final Random random;
        final boolean forwarding;
        final int rpFilter;
        final int carrierless;
        private final List<Ipv4Prefix> subnets = new ArrayList<>();
        private final List<Ipv4Address> locals = new ArrayList<>();
        private final List<Ipv4Prefix> routed = new ArrayList<>();
        private final List<Integer> addressDevices = new ArrayList<>();

        Scenario(Random random) {
            this.random = random;
            this.forwarding = random.nextBoolean();
            this.rpFilter = random.nextInt(3);
            this.carrierless = random.nextInt(4) == 0 ? random.nextInt(DEVICES.length) : -1;
        }

        List<List<String>> commands() {
            List<List<String>> commands = new ArrayList<>();
            commands.add(ip("link set lo up"));
            int down = random.nextInt(4) == 0 ? random.nextInt(DEVICES.length) : -1;
            for (int i = 0; i < DEVICES.length; i++) {
                commands.add(ip("link set " + DEVICES[i] + " up"));
                int addresses = 1 + random.nextInt(2);
                for (int a = 0; a < addresses; a++) {
                    Ipv4Prefix subnet = a > 0 && random.nextInt(3) == 0 ? subnets.get(subnets.size() - 1)
                            : Ipv4Prefix.of(randomAddress(), 16 + random.nextInt(14));
                    Ipv4Address local = hostIn(subnet);
                    subnets.add(subnet);
                    locals.add(local);
                    addressDevices.add(i);
                    commands.add(ip("addr add " + local + "/" + subnet.length() + " dev " + DEVICES[i]));
                }
            }
            int routes = 4 + random.nextInt(20);
            for (int r = 0; r < routes; r++) {
                commands.add(ip("route " + (random.nextInt(8) == 0 ? "append " : "add ") + randomRoute()));
            }
            for (int d = random.nextInt(3); d > 0; d--) {
                Ipv4Prefix victim = routed.get(random.nextInt(routed.size()));
                commands.add(ip("route del " + (victim.length() == 0 ? "default" : victim.toString())));
            }
            if (random.nextInt(3) == 0) {
                int i = random.nextInt(locals.size());
                commands.add(ip("addr del " + locals.get(i) + "/" + subnets.get(i).length() + " dev "
                        + DEVICES[deviceOf(i)]));
            }
            if (down >= 0) {
                commands.add(ip("link set " + DEVICES[down] + " down"));
            }
            commands.add(ip("route show table all"));
            for (int q = 0; q < 40; q++) {
                commands.add(ip("route get " + destination()));
            }
            for (int q = 0; q < 25; q++) {
                commands.add(ip("route get " + destination() + " from " + source() + " iif "
                        + DEVICES[random.nextInt(DEVICES.length)]));
            }
            return commands;
        }

        private String randomRoute() {
            int length = random.nextInt(8) == 0 ? 0 : 8 + random.nextInt(25);
            Ipv4Prefix prefix = random.nextInt(3) == 0 && !routed.isEmpty()
                    ? Ipv4Prefix.of(routed.get(random.nextInt(routed.size())).network(), length)
                    : Ipv4Prefix.of(randomAddress(), length);
            routed.add(prefix);
            String destination = prefix.length() == 0 ? "default" : prefix.toString();
            String metric = random.nextInt(3) == 0 ? "" : " metric " + new int[] {0, 5, 10, 100}[random.nextInt(4)];
            int kind = random.nextInt(12);
            if (kind < 4) {
                return new String[] {"blackhole", "unreachable", "prohibit", "throw"}[kind] + " " + destination + metric;
            }
            String source = random.nextInt(5) == 0 ? " src " + locals.get(random.nextInt(locals.size())) : "";
            String device = DEVICES[random.nextInt(DEVICES.length)];
            if (kind == 4 && random.nextBoolean()) {
                return destination + " dev " + device + " scope host" + metric;
            }
            if (kind < 6) {
                return destination + " dev " + device + metric + source;
            }
            if (kind == 6 && random.nextBoolean()) {
                return destination + " via " + randomAddress() + " dev " + device + " onlink" + metric;
            }
            Ipv4Prefix on = subnets.get(random.nextInt(subnets.size()));
            Ipv4Address gateway = random.nextInt(10) == 0 ? randomAddress() : hostIn(on);
            return destination + " via " + gateway + metric + source;
        }

        /** The device the i-th address went to (addresses are added device by device, in order). */
        private int deviceOf(int addressIndex) {
            return addressDevices.get(addressIndex);
        }

        private Ipv4Address destination() {
            return switch (random.nextInt(6)) {
                case 0 -> randomAddress();
                case 1 -> locals.get(random.nextInt(locals.size()));
                case 2 -> subnets.get(random.nextInt(subnets.size())).broadcast();
                case 3 -> hostIn(subnets.get(random.nextInt(subnets.size())));
                default -> routed.isEmpty() ? randomAddress() : hostIn(routed.get(random.nextInt(routed.size())));
            };
        }

        private Ipv4Address source() {
            return switch (random.nextInt(4)) {
                case 0 -> randomAddress();
                case 1 -> locals.get(random.nextInt(locals.size()));
                default -> hostIn(subnets.get(random.nextInt(subnets.size())));
            };
        }

        /** A unicast address in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16. */
        private Ipv4Address randomAddress() {
            return switch (random.nextInt(3)) {
                case 0 -> Ipv4Address.of(0x0a000000 | random.nextInt(1 << 24));
                case 1 -> Ipv4Address.of(0xac100000 | random.nextInt(1 << 20));
                default -> Ipv4Address.of(0xc0a80000 | random.nextInt(1 << 16));
            };
        }

        /** A host address of the prefix: neither its network nor its broadcast address (when it has both). */
        private Ipv4Address hostIn(Ipv4Prefix prefix) {
            int size = prefix.length() >= 31 ? 1 << (32 - prefix.length()) : (1 << (32 - prefix.length())) - 2;
            int offset = prefix.length() >= 31 ? random.nextInt(size) : 1 + random.nextInt(Math.max(1, size));
            return Ipv4Address.of(prefix.network().bits() + (prefix.length() == 0 ? random.nextInt() : offset));
        }

        private static List<String> ip(String arguments) {
            List<String> argv = new ArrayList<>(List.of("ip"));
            argv.addAll(List.of(arguments.split(" ")));
            return argv;
        }
    }
}
