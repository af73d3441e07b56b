package io.nflab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkTableTest {

    private final LinkTable links = new LinkTable();

    @Test
    void aFreshTableHasOnlyLoDownWithoutAnAddressUntilItFirstComesUp() {
        NetDevice lo = links.loopback();
        assertEquals(List.of(lo), links.devices());
        assertEquals(1, lo.index());
        assertEquals("<LOOPBACK>", lo.flagsText());
        assertEquals(OperState.DOWN, lo.operState());
        assertEquals("noop", lo.qdisc());
        assertEquals(List.of(), lo.addresses());

        lo = links.setAdminUp(1, true);
        assertEquals("<LOOPBACK,UP,LOWER_UP>", lo.flagsText());
        assertEquals(OperState.UNKNOWN, lo.operState());
        assertEquals("noqueue", lo.qdisc());
        assertEquals(List.of(new IfAddress(InterfaceAddress.parse("127.0.0.1/8"), Scope.HOST, Optional.empty(), false)),
                lo.addresses());
        assertTrue(links.isLocalAddress(Ipv4Address.LOOPBACK));
        links.setAdminUp(1, false);
        assertEquals("noqueue", links.loopback().qdisc(), "the qdisc stays once attached");
    }

    @Test
    void devicesAreNumberedInCreationOrderAndShowTheirPeer() {
        NetDevice eth0 = links.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"),
                Optional.of(new LinkPeer(5, "lan")));
        NetDevice eth1 = links.addEthernet("eth1", MacAddress.parse("02:00:00:00:00:02"), Optional.empty());
        assertEquals(2, eth0.index());
        assertEquals(3, eth1.index());
        assertEquals("eth0@if5", eth0.displayName());
        assertEquals("eth1", eth1.displayName());
        assertEquals(Optional.of(eth1), links.byName("eth1"));
        assertThrows(IllegalArgumentException.class, () -> links.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:03"),
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> links.addEthernet("a/b", MacAddress.parse("02:00:00:00:00:03"),
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> links.addEthernet("eth2", MacAddress.BROADCAST,
                Optional.empty()));
    }

    @Test
    void stateAndFlagsFollowAdminStateAndCarrier() {
        int eth0 = links.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"), Optional.empty()).index();
        assertEquals("<BROADCAST,MULTICAST>", links.device(eth0).flagsText());
        links.setAdminUp(eth0, true);
        assertEquals("<BROADCAST,MULTICAST,UP,LOWER_UP>", links.device(eth0).flagsText());
        assertEquals(OperState.UP, links.device(eth0).operState());
        links.setCarrier(eth0, false);
        assertEquals("<NO-CARRIER,BROADCAST,MULTICAST,UP>", links.device(eth0).flagsText());
        assertEquals(OperState.DOWN, links.device(eth0).operState());
        assertFalse(links.device(eth0).isRunning());
        links.setNoArp(eth0, true);
        assertEquals("<NO-CARRIER,BROADCAST,MULTICAST,NOARP,UP>", links.device(eth0).flagsText());
    }

    @Test
    void addressesKeepTheKernelsOrderPrimariesByScopeThenSecondaries() {
        int eth0 = links.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"), Optional.empty()).index();
        add(eth0, "192.168.1.2/24", Scope.GLOBAL);
        add(eth0, "192.168.1.3/24", Scope.GLOBAL);
        add(eth0, "10.0.0.1/8", Scope.GLOBAL);
        add(eth0, "192.0.2.1/24", Scope.LINK);
        assertEquals(List.of("192.0.2.1/24", "192.168.1.2/24", "10.0.0.1/8", "192.168.1.3/24"),
                links.device(eth0).addresses().stream().map(a -> a.address().toString()).toList());
        assertTrue(links.device(eth0).addresses().get(3).secondary());
        assertEquals("ipv4: Address already assigned", assertThrows(NetlinkException.class,
                () -> add(eth0, "192.168.1.2/24", Scope.GLOBAL)).extack().orElseThrow());
        assertEquals("ipv4: Invalid scope value", assertThrows(NetlinkException.class,
                () -> add(eth0, "192.168.1.4/24", Scope.HOST)).extack().orElseThrow());
        add(eth0, "192.168.1.2/25", Scope.GLOBAL);
        assertFalse(links.findAddress(eth0, Ipv4Address.parse("192.168.1.2"), 25).orElseThrow().secondary(),
                "another prefix length is another subnet");
    }

    @Test
    void sourceSelectionPrefersTheSubnetOfTheDestinationThenTheFirstPrimaryThenOtherDevices() {
        int eth0 = links.addEthernet("eth0", MacAddress.parse("02:00:00:00:00:01"), Optional.empty()).index();
        int eth1 = links.addEthernet("eth1", MacAddress.parse("02:00:00:00:00:02"), Optional.empty()).index();
        links.setAdminUp(1, true);
        add(eth0, "192.0.2.1/24", Scope.LINK);
        add(eth0, "10.1.0.1/16", Scope.GLOBAL);
        add(eth0, "10.2.0.1/16", Scope.GLOBAL);
        NetDevice dev = links.device(eth0);
        assertEquals(Ipv4Address.parse("10.2.0.1"), links.selectAddress(dev, Ipv4Address.parse("10.2.9.9"), Scope.GLOBAL, false));
        assertEquals(Ipv4Address.parse("10.1.0.1"), links.selectAddress(dev, Ipv4Address.parse("8.8.8.8"), Scope.GLOBAL, false));
        assertEquals(Ipv4Address.parse("192.0.2.1"), links.selectAddress(dev, Ipv4Address.ANY, Scope.LINK, false));
        assertEquals(Ipv4Address.parse("10.1.0.1"), links.selectAddress(links.device(eth1), Ipv4Address.ANY, Scope.LINK,
                false), "a device without addresses borrows another device's, never a link-scope one");
        assertEquals(Ipv4Address.parse("10.1.0.1"), links.selectAddress(links.loopback(), Ipv4Address.ANY, Scope.LINK,
                false), "lo's host-scope 127.0.0.1 does not serve link scope");
        assertEquals(Ipv4Address.LOOPBACK, links.selectAddress(links.loopback(), Ipv4Address.ANY, Scope.LINK, true),
                "unless route_localnet");
    }

    private void add(int ifindex, String address, Scope scope) {
        links.insertAddress(ifindex, InterfaceAddress.parse(address), scope, Optional.empty());
    }
}
