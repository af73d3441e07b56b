package io.nflab.bench;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.address.MacAddress;
import io.nflab.link.NetlinkException;
import io.nflab.routing.InputRoute;
import io.nflab.routing.IpNamespace;
import io.nflab.routing.OutputRoute;
import io.nflab.routing.RouteChange;
import io.nflab.routing.RouteProtocol;
import io.nflab.routing.RouteRequest;
import io.nflab.routing.RouteTables;
import io.nflab.routing.RouteType;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one route lookup as the net stack makes it per packet, with 10, 1,000 and 100,000 routes of
 * random prefixes (lengths 8 to 32) and metrics on a gateway with two devices: {@code routeOutput} for a
 * locally generated packet, {@code routeInput} for a forwarded one (with rp_filter 1, which costs a second
 * lookup of the source). Destinations cycle through 4,096 random addresses, most of them inside routed
 * prefixes; {@code routeOutputUncached} cycles through 131,072, more than the FIB's destination cache
 * holds, so each lookup walks the prefix lengths. Run: {@code tools/jmh RouteLookupBenchmark}.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteLookupBenchmark {

    @Param({"10", "1000", "100000"})
    int routes;

    private IpNamespace<Object> namespace;
    private Ipv4Address[] destinations;
    /** More destinations than the FIB remembers: every lookup takes the longest-prefix-match path. */
    private Ipv4Address[] manyDestinations;
    private int eth1;
    private int next;
    private static final Ipv4Address LAN_HOST = Ipv4Address.parse("192.168.1.10");

    @Setup
    public void setup() {
        Random random = new Random(42);
        namespace = IpNamespace.create();
        int eth0 = namespace.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"), Optional.empty()).index();
        eth1 = namespace.addEthernet("eth1", MacAddress.parse("02:00:00:00:00:02"), Optional.empty()).index();
        namespace.setLinkUp(eth0, true, 0, a -> { });
        namespace.setLinkUp(eth1, true, 0, a -> { });
        namespace.addAddress(eth0, InterfaceAddress.parse("203.0.113.1/24"));
        namespace.addAddress(eth1, InterfaceAddress.parse("192.168.1.1/24"));
        namespace.sysctls().setIpForward(true);
        namespace.sysctls().setAll(io.nflab.routing.IpSysctls.Conf.RP_FILTER, 1);
        Ipv4Prefix[] prefixes = new Ipv4Prefix[routes];
        int added = 0;
        while (added < routes) {
            Ipv4Prefix prefix = Ipv4Prefix.of(Ipv4Address.of(0x0a000000 | random.nextInt(1 << 24)), 8 + random.nextInt(25));
            RouteRequest request = new RouteRequest(RouteTables.MAIN, RouteType.UNICAST, prefix, RouteProtocol.BOOT,
                    io.nflab.link.Scope.GLOBAL, random.nextInt(3) * 10L,
                    Optional.of(Ipv4Address.of(203, 0, 113, 2 + random.nextInt(200))), OptionalInt.empty(),
                    Optional.empty(), false);
            try {
                namespace.addRoute(request, RouteChange.ADD);
                prefixes[added++] = prefix;
            } catch (NetlinkException duplicate) {
                // the same prefix and metric again: draw another
            }
        }
        destinations = randomDestinations(random, prefixes, 4096);
        manyDestinations = randomDestinations(random, prefixes, 1 << 17);
    }

    private Ipv4Address[] randomDestinations(Random random, Ipv4Prefix[] prefixes, int count) {
        Ipv4Address[] chosen = new Ipv4Address[count];
        for (int i = 0; i < count; i++) {
            Ipv4Prefix p = prefixes[random.nextInt(routes)];
            chosen[i] = i % 8 == 0 ? Ipv4Address.of(random.nextInt())
                    : Ipv4Address.of(p.network().bits() | (random.nextInt() & ~Ipv4Prefix.maskBits(p.length())));
        }
        return chosen;
    }

    @Benchmark
    public OutputRoute routeOutput() {
        return namespace.routeOutput(destinations[next++ & 4095]);
    }

    @Benchmark
    public OutputRoute routeOutputUncached() {
        return namespace.routeOutput(manyDestinations[next++ & ((1 << 17) - 1)]);
    }

    @Benchmark
    public InputRoute routeInputForward() {
        return namespace.routeInput(destinations[next++ & 4095], LAN_HOST, eth1);
    }

}
