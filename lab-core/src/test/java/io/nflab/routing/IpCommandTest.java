package io.nflab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.link.NeighbourAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the ip corpus cannot show: nflab's refusals, and the namespace changes commands make. */
class IpCommandTest {

    private final IpNamespace<String> namespace = IpNamespace.create();
    private final List<NeighbourAction<String>> actions = new ArrayList<>();

    IpCommandTest() {
        namespace.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"), Optional.empty());
        run("ip link set eth0 up");
        run("ip addr add 192.168.1.2/24 dev eth0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip -6 route|-6", "ip -s link|-s", "ip -j addr|-j", "ip rule add fwmark 1 realms 5|realms", "ip rule add nat 1.2.3.4|nat", "ip rule list fwmark 1|fwmark",
            "ip maddr|ip maddress", "ip route add 10.0.0.0/8 dev eth0 mtu 1400|mtu",
            "ip route add multicast 224.1.0.0/16 dev eth0|multicast", "ip route get 8.8.8.8 fibmatch|fibmatch",
            "ip addr add 10.1.1.1/24 dev eth0 label eth0:1|label", "ip link add dummy0 type dummy|ip link add",
            "ip link set eth0 promisc on|promisc", "ip neigh add 192.168.1.9 lladdr 02:00:00:00:00:09 dev eth0 nud delay|nud delay",
            "ip route add fe80::/64 dev eth0|fe80::/64", "ip route save|ip route save"})
    void whatNflabDoesNotEmulateIsRefusedNamingTheWord(String line) {
        String[] parts = line.split("\\|");
        IpResult result = run(parts[0]);
        assertEquals(new IpResult(255, "", "Error: nflab's ip does not support \"" + parts[1]
                + "\" (see docs/routing.md).\n"), result);
    }

    @Test
    void changesMadeByCommandsReachTheNamespace() {
        assertEquals(0, run("ip route add 10.0.0.0/8 via 192.168.1.1 metric 5").exitCode());
        OutputRoute.Resolved out = (OutputRoute.Resolved) namespace.routeOutput(Ipv4Address.parse("10.1.2.3"));
        assertEquals(Optional.of(Ipv4Address.parse("192.168.1.1")), out.gateway());
        assertEquals(0, run("ip neigh add 192.168.1.1 lladdr 02:00:00:00:00:09 dev eth0").exitCode());
        assertEquals(MacAddress.parse("02:00:00:00:00:09"), namespace.neighbours().resolve(2,
                Ipv4Address.parse("192.168.1.1"), Ipv4Address.ANY, "p", 0, actions::add));
    }

    @Test
    void aDeviceTakenDownByACommandDropsTheWaitingPackets() {
        namespace.neighbours().resolve(2, Ipv4Address.parse("192.168.1.7"), Ipv4Address.parse("192.168.1.2"),
                "waiting", 0, actions::add);
        actions.clear();
        IpCommand.execute(namespace, List.of("ip", "link", "set", "eth0", "down"), 1, actions::add);
        assertEquals(List.of(new NeighbourAction.Dropped<>(2, Ipv4Address.parse("192.168.1.7"), "waiting",
                NeighbourAction.DropReason.DEVICE_DOWN)), actions);
    }

    @Test
    void argvMustBeAnIpCommand() {
        assertThrows(IllegalArgumentException.class, () -> IpCommand.execute(namespace, List.of("route", "-n"), 0,
                actions::add));
        assertThrows(IllegalArgumentException.class, () -> IpCommand.execute(namespace, List.of(), 0, actions::add));
    }

    private IpResult run(String line) {
        return IpCommand.execute(namespace, List.of(line.split(" ")), 0, actions::add);
    }
}
