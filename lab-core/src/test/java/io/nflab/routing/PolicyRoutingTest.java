package io.nflab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.link.NeighbourAction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lookups through the routing policy database with packet marks (the corpus checks what ip prints). */
class PolicyRoutingTest {

    private static final Ipv4Address REMOTE = Ipv4Address.parse("203.0.113.9");
    private final IpNamespace<String> namespace = IpNamespace.create();

    PolicyRoutingTest() {
        namespace.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"), Optional.empty());
        namespace.addEthernet("eth1", MacAddress.parse("02:00:00:00:00:02"), Optional.empty());
        namespace.addEthernet("lan", MacAddress.parse("02:00:00:00:00:03"), Optional.empty());
        run("ip link set eth0 up");
        run("ip link set eth1 up");
        run("ip link set lan up");
        run("ip addr add 10.0.1.2/24 dev eth0");
        run("ip addr add 10.0.2.2/24 dev eth1");
        run("ip addr add 192.168.1.1/24 dev lan");
        run("ip route add default via 10.0.1.1");
        run("ip route add default via 10.0.2.1 table 100");
        namespace.sysctls().setIpForward(true);
    }

    @Test
    void aMarkedLocalPacketTakesTheRuleTable() {
        run("ip rule add fwmark 1 lookup 100");
        assertEquals(gateway("10.0.1.1"), output(0));
        assertEquals(gateway("10.0.2.1"), output(1));
        assertEquals(gateway("10.0.1.1"), output(2));
    }

    @Test
    void aMarkedForwardedPacketTakesTheRuleTable() {
        run("ip rule add fwmark 0x10/0xf0 iif lan lookup 100");
        assertEquals(gateway("10.0.2.1"), forward(0x1f));
        assertEquals(gateway("10.0.1.1"), forward(0x20));
    }

    @Test
    void aTableWithoutARouteFallsThroughToTheNextRule() {
        run("ip rule add fwmark 1 lookup 200");
        run("ip route add 198.51.100.0/24 via 10.0.2.1 table 200");
        assertEquals(gateway("10.0.1.1"), output(1));
    }

    @Test
    void anErrorRouteEndsTheWalk() {
        run("ip rule add fwmark 1 lookup 200");
        run("ip route add unreachable default table 200");
        assertEquals(new OutputRoute.Failed(io.nflab.link.Errno.EHOSTUNREACH),
                namespace.routeOutput(REMOTE, Ipv4Address.ANY, 0, 1));
    }

    @Test
    void withoutTheMainRuleTheMainTableIsNotConsulted() {
        run("ip rule del pref 32766");
        assertEquals(new OutputRoute.Failed(io.nflab.link.Errno.ENETUNREACH),
                namespace.routeOutput(REMOTE, Ipv4Address.ANY, 0, 0));
        run("ip rule add from 10.0.1.2 lookup main");
        assertEquals(gateway("10.0.1.1"), ((OutputRoute.Resolved) namespace.routeOutput(REMOTE,
                Ipv4Address.parse("10.0.1.2"), 0, 0)).gateway());
    }

    private Optional<Ipv4Address> output(long mark) {
        return ((OutputRoute.Resolved) namespace.routeOutput(REMOTE, Ipv4Address.ANY, 0, mark)).gateway();
    }

    private Optional<Ipv4Address> forward(long mark) {
        InputRoute route = namespace.routeInput(REMOTE, Ipv4Address.parse("192.168.1.50"), 4, mark);
        return assertInstanceOf(InputRoute.Forward.class, route).out().gateway();
    }

    private static Optional<Ipv4Address> gateway(String address) {
        return Optional.of(Ipv4Address.parse(address));
    }

    private void run(String line) {
        IpResult result = IpCommand.execute(namespace, List.of(line.split(" ")), 0, (NeighbourAction<String> a) -> { });
        assertEquals(0, result.exitCode(), line + ": " + result.stderr());
    }
}
