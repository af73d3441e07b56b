package io.nflab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.address.MacAddress;
import io.nflab.link.AddressType;
import io.nflab.link.Errno;
import io.nflab.link.IfAddress;
import io.nflab.link.LinkPeer;
import io.nflab.link.NeighbourAction;
import io.nflab.link.NetlinkException;
import io.nflab.link.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The namespace as the net stack uses it: a gateway between a LAN (eth1, 192.168.1.1/24) and the
 * internet side (eth0, 203.0.113.1/24, default via 203.0.113.254), with the lookups a packet needs.
 */
class IpNamespaceTest {

    private final IpNamespace<String> gw = IpNamespace.create();
    private final int eth0;
    private final int eth1;
    private final List<NeighbourAction<String>> actions = new ArrayList<>();

    IpNamespaceTest() {
        eth0 = gw.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"), Optional.of(new LinkPeer(2, "internet")))
                .index();
        eth1 = gw.addEthernet("eth1", MacAddress.parse("02:00:00:00:00:02"), Optional.of(new LinkPeer(2, "lan")))
                .index();
        gw.setLinkUp(eth0, true, 0, actions::add);
        gw.setLinkUp(eth1, true, 0, actions::add);
        gw.addAddress(eth0, InterfaceAddress.parse("203.0.113.1/24"));
        gw.addAddress(eth1, InterfaceAddress.parse("192.168.1.1/24"));
        gw.addRoute(RouteSpec.parse("default via 203.0.113.254"));
        gw.sysctls().setIpForward(true);
    }

    @Test
    void aNewNamespaceHasLoopbackUp() {
        IpNamespace<String> host = IpNamespace.create();
        assertEquals(List.of(new IfAddress(InterfaceAddress.parse("127.0.0.1/8"), Scope.HOST, Optional.empty(), false)),
                host.links().loopback().addresses());
        assertEquals(AddressType.LOCAL, host.addressType(Ipv4Address.parse("127.1.2.3")));
        assertTrue(IpNamespace.<String>fresh(io.nflab.link.NeighbourConfig.LINUX_DEFAULTS).links().loopback()
                .addresses().isEmpty());
    }

    @Test
    void forwardedPacketsGoToTheGatewayOrStraightToTheDestination() {
        InputRoute.Forward out = (InputRoute.Forward) gw.routeInput(ip("8.8.8.8"), ip("192.168.1.10"), eth1);
        assertEquals(eth0, out.out().ifindex());
        assertEquals(ip("203.0.113.254"), out.out().nextHop(ip("8.8.8.8")));
        assertEquals(false, out.redirect());

        InputRoute.Forward in = (InputRoute.Forward) gw.routeInput(ip("192.168.1.10"), ip("8.8.8.8"), eth0);
        assertEquals(eth1, in.out().ifindex());
        assertEquals(ip("192.168.1.10"), in.out().nextHop(ip("192.168.1.10")));

        InputRoute.Forward back = (InputRoute.Forward) gw.routeInput(ip("192.168.1.20"), ip("192.168.1.10"), eth1);
        assertTrue(back.redirect(), "out the way it came, to an on-link sender: ICMP redirect");
    }

    @Test
    void localAndBroadcastPacketsAreDeliveredHere() {
        assertEquals(RouteType.LOCAL, ((InputRoute.Local) gw.routeInput(ip("192.168.1.1"), ip("192.168.1.10"), eth1))
                .route().type());
        assertTrue(gw.routeInput(ip("203.0.113.1"), ip("192.168.1.10"), eth1) instanceof InputRoute.Local,
                "any of our addresses, on any device (weak host model)");
        assertEquals(new InputRoute.Broadcast(), gw.routeInput(ip("192.168.1.255"), ip("192.168.1.10"), eth1));
        assertEquals(new InputRoute.Broadcast(), gw.routeInput(Ipv4Address.BROADCAST, Ipv4Address.ANY, eth1));
        assertEquals(new InputRoute.Multicast(), gw.routeInput(ip("224.0.0.1"), ip("192.168.1.10"), eth1));
    }

    @Test
    void refusingRoutesAnswerWithTheKernelsIcmpCodes() {
        gw.addRoute(RouteSpec.parse("unreachable 10.1.0.0/16"));
        gw.addRoute(RouteSpec.parse("prohibit 10.2.0.0/16"));
        gw.addRoute(RouteSpec.parse("blackhole 10.3.0.0/16"));
        assertUnreachable(gw.routeInput(ip("10.1.1.1"), ip("192.168.1.10"), eth1), Errno.EHOSTUNREACH, 1);
        assertUnreachable(gw.routeInput(ip("10.2.1.1"), ip("192.168.1.10"), eth1), Errno.EACCES, 13);
        assertEquals(new InputRoute.Unreachable(Errno.EINVAL, false), gw.routeInput(ip("10.3.1.1"), ip("192.168.1.10"),
                eth1), "a blackhole answers nothing");
        gw.deleteRoute(RouteSelector.of(Ipv4Prefix.ANY));
        assertUnreachable(gw.routeInput(ip("8.8.8.8"), ip("192.168.1.10"), eth1), Errno.ENETUNREACH, 0);
        assertEquals(new OutputRoute.Failed(Errno.ENETUNREACH), gw.routeOutput(ip("8.8.8.8")));
        assertEquals(new OutputRoute.Failed(Errno.EACCES), gw.routeOutput(ip("10.2.1.1")));
    }

    @Test
    void withoutForwardingOnlyLocalTrafficIsAccepted() {
        gw.sysctls().setIpForward(false);
        assertEquals(new InputRoute.Unreachable(Errno.EHOSTUNREACH, false),
                gw.routeInput(ip("8.8.8.8"), ip("192.168.1.10"), eth1));
        assertTrue(gw.routeInput(ip("192.168.1.1"), ip("192.168.1.10"), eth1) instanceof InputRoute.Local);
    }

    @Test
    void martiansAndReversePathFilteringDropSilently() {
        assertEquals(martian(InputRoute.Reason.SOURCE), gw.routeInput(ip("192.168.1.1"), ip("192.168.1.1"), eth1));
        assertEquals(martian(InputRoute.Reason.SOURCE), gw.routeInput(ip("192.168.1.1"), ip("127.0.0.1"), eth1));
        assertEquals(martian(InputRoute.Reason.DESTINATION), gw.routeInput(ip("127.0.0.1"), ip("192.168.1.10"), eth1));
        assertEquals(martian(InputRoute.Reason.MULTICAST), gw.routeInput(ip("239.1.1.1"), ip("192.168.1.10"), eth1));

        assertTrue(gw.routeInput(ip("8.8.8.8"), ip("10.9.9.9"), eth1) instanceof InputRoute.Forward,
                "a spoofed source passes without rp_filter");
        gw.sysctls().setAll(IpSysctls.Conf.RP_FILTER, 1);
        assertEquals(martian(InputRoute.Reason.REVERSE_PATH), gw.routeInput(ip("8.8.8.8"), ip("10.9.9.9"), eth1));
        assertTrue(gw.routeInput(ip("8.8.8.8"), ip("192.168.1.10"), eth1) instanceof InputRoute.Forward);
        gw.sysctls().setAll(IpSysctls.Conf.RP_FILTER, 0);
        gw.sysctls().setDevice(eth1, IpSysctls.Conf.RP_FILTER, 2);
        assertTrue(gw.routeInput(ip("8.8.8.8"), ip("10.9.9.9"), eth1) instanceof InputRoute.Forward,
                "loose: reachable by some device is enough");
        gw.addRoute(RouteSpec.parse("blackhole 10.9.0.0/16"));
        assertEquals(martian(InputRoute.Reason.REVERSE_PATH), gw.routeInput(ip("8.8.8.8"), ip("10.9.9.9"), eth1));
    }

    @Test
    void locallyGeneratedPacketsGetTheKernelsSourceAddress() {
        OutputRoute.Resolved out = (OutputRoute.Resolved) gw.routeOutput(ip("8.8.8.8"));
        assertEquals(new OutputRoute.Resolved(RouteType.UNICAST, eth0, Optional.of(ip("203.0.113.254")),
                ip("203.0.113.1"), false, out.route()), out);
        OutputRoute.Resolved lan = (OutputRoute.Resolved) gw.routeOutput(ip("192.168.1.10"));
        assertEquals(ip("192.168.1.1"), lan.source());
        assertEquals(Optional.empty(), lan.gateway());
        OutputRoute.Resolved self = (OutputRoute.Resolved) gw.routeOutput(ip("192.168.1.1"));
        assertEquals(RouteType.LOCAL, self.type());
        assertEquals(1, self.ifindex());
        OutputRoute.Resolved broadcast = (OutputRoute.Resolved) gw.routeOutput(ip("192.168.1.255"));
        assertEquals(RouteType.BROADCAST, broadcast.type());
        assertTrue(broadcast.local(), "a broadcast we send is also delivered to ourselves");
        assertEquals(new OutputRoute.Failed(Errno.ENETUNREACH), gw.routeOutput(ip("8.8.8.8"), ip("10.9.9.9"), 0),
                "a source that is not ours");
    }

    @Test
    void aDeviceGoingDownTakesItsRoutesAndNeighboursOnlyTheConnectedRoutesComeBack() {
        gw.addRoute(RouteSpec.parse("10.0.0.0/8 via 192.168.1.254"));
        gw.neighbours().resolve(eth1, ip("192.168.1.254"), ip("192.168.1.10"), "waiting", 0, actions::add);
        actions.clear();

        gw.setLinkUp(eth1, false, 1, actions::add);
        assertEquals(List.of(new NeighbourAction.Dropped<>(eth1, ip("192.168.1.254"), "waiting",
                NeighbourAction.DropReason.DEVICE_DOWN)), actions);
        OutputRoute.Resolved now = (OutputRoute.Resolved) gw.routeOutput(ip("10.1.1.1"));
        assertEquals(List.of(eth0, ip("203.0.113.254")), List.of(now.ifindex(), now.nextHop(ip("10.1.1.1"))),
                "10/8 now follows the default route");
        assertTrue(gw.routeInput(ip("192.168.1.1"), ip("203.0.113.7"), eth0) instanceof InputRoute.Local,
                "the address of a down device stays local");

        gw.setLinkUp(eth1, true, 2, actions::add);
        assertEquals(eth1, ((OutputRoute.Resolved) gw.routeOutput(ip("192.168.1.10"))).ifindex());
        assertEquals(eth0, ((OutputRoute.Resolved) gw.routeOutput(ip("10.1.1.1"))).ifindex(),
                "the static route does not come back");
    }

    @Test
    void routesAreCheckedAsTheKernelChecksThem() {
        assertEquals("Error: Nexthop has invalid gateway.", assertThrows(NetlinkException.class,
                () -> gw.addRoute(RouteSpec.parse("10.0.0.0/8 via 10.9.9.9"))).ipMessage());
        assertEquals("RTNETLINK answers: File exists", assertThrows(NetlinkException.class,
                () -> gw.addRoute(RouteSpec.parse("default via 192.168.1.254"))).ipMessage());
        gw.addRoute(RouteSpec.parse("default via 192.168.1.254 metric 10"));
        Route own = gw.addRoute(RouteSpec.parse("10.0.0.0/8 via 192.168.1.1"));
        assertEquals(false, own.usesGateway(), "a gateway that is our own address makes the destination on-link");
        assertEquals(Errno.ESRCH, assertThrows(NetlinkException.class,
                () -> gw.deleteRoute(RouteSelector.of(Ipv4Prefix.parse("172.16.0.0/12")))).errno());
    }

    @Test
    void aTopologyRouteIsTheRouteIpRouteAddMakesOfItsText() {
        IpNamespace<String> byCommand = IpNamespace.create();
        IpNamespace<String> bySpec = IpNamespace.create();
        for (IpNamespace<String> ns : List.of(byCommand, bySpec)) {
            int dev = ns.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"), Optional.empty()).index();
            ns.setLinkUp(dev, true, 0, actions::add);
            ns.addAddress(dev, InterfaceAddress.parse("10.0.0.2/24"));
        }
        for (String text : List.of("default via 10.0.0.1", "192.168.7.0/24 dev eth0 metric 5",
                "blackhole 172.16.0.0/12", "unreachable 10.9.0.0/16 metric 3", "10.8.8.8 via 10.0.0.1 dev eth0")) {
            bySpec.addRoute(RouteSpec.parse(text));
            List<String> argv = new ArrayList<>(List.of("ip", "route", "add"));
            argv.addAll(List.of(RouteSpec.parse(text).toString().split(" ")));
            assertEquals(0, IpCommand.execute(byCommand, argv, 0, actions::add).exitCode(), text);
        }
        assertEquals(byCommand.fib().routes(), bySpec.fib().routes());
    }

    @Test
    void deletingTheLastAddressOfADeviceTakesEveryRouteThroughIt() {
        gw.addRoute(RouteSpec.parse("10.0.0.0/8 dev eth1"));
        IfAddress only = gw.links().device(eth1).addresses().get(0);
        gw.deleteAddress(eth1, only, 0, actions::add);
        assertEquals(eth0, ((OutputRoute.Resolved) gw.routeOutput(ip("10.1.1.1"))).ifindex());
        assertEquals(AddressType.UNICAST, gw.addressType(ip("192.168.1.1")));
    }

    private static void assertUnreachable(InputRoute route, Errno error, int icmpCode) {
        InputRoute.Unreachable unreachable = (InputRoute.Unreachable) route;
        assertEquals(error, unreachable.error());
        assertTrue(unreachable.sendsIcmp());
        assertEquals(icmpCode, unreachable.icmpCode());
    }

    private static InputRoute martian(InputRoute.Reason reason) {
        return new InputRoute.Martian(reason);
    }

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }
}
