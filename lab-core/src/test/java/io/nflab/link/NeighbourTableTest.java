package io.nflab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.packet.ArpOperation;
import io.nflab.packet.ArpPacket;
import io.nflab.packet.EthernetFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The neighbour state machine against the kernel's timeline (Linux 6.x, default {@code net.ipv4.neigh}
 * settings). The resolution timeline was captured with tcpdump on a veth peer: an echo request to an
 * absent 192.168.1.9 gave ARP requests at t = 0.00, 1.02 and 2.04 s, and the entry was FAILED when looked
 * at after 3.1 s (tools/ip-corpus case 50-neigh records INCOMPLETE and FAILED too).
 */
class NeighbourTableTest {

    private static final long S = 1_000_000_000L;
    private static final MacAddress OURS = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress THEIRS = MacAddress.parse("02:00:00:00:01:05");
    private static final Ipv4Address ME = Ipv4Address.parse("192.168.1.2");
    private static final Ipv4Address PEER = Ipv4Address.parse("192.168.1.1");
    private static final Ipv4Address BROADCAST = Ipv4Address.parse("192.168.1.255");

    private final LinkTable links = new LinkTable();
    private final int eth0;
    private final List<NeighbourAction<String>> actions = new ArrayList<>();
    private final NeighbourTable<String> table;

    NeighbourTableTest() {
        eth0 = links.addEthernet("eth0", OURS, Optional.empty()).index();
        links.setAdminUp(eth0, true);
        links.insertAddress(eth0, InterfaceAddress.parse("192.168.1.2/24"), Scope.GLOBAL, Optional.empty());
        table = new NeighbourTable<>(new NeighbourContext() {
            @Override
            public Links links() {
                return links;
            }

            @Override
            public AddressType addressType(Ipv4Address address) {
                return address.equals(ME) ? AddressType.LOCAL
                        : address.equals(BROADCAST) || address.isLimitedBroadcast() ? AddressType.BROADCAST
                        : address.isMulticast() ? AddressType.MULTICAST : AddressType.UNICAST;
            }

            @Override
            public boolean isLocalTarget(int ifindex, Ipv4Address target, Ipv4Address sender) {
                return target.equals(ME);
            }

            @Override
            public Ipv4Address arpSource(NetDevice device, Ipv4Address target) {
                return ME;
            }
        }, NeighbourConfig.LINUX_DEFAULTS);
    }

    @Test
    void anUnansweredNeighbourGetsThreeBroadcastsOneSecondApartThenEveryWaitingPacketFails() {
        assertNull(table.resolve(eth0, PEER, ME, "first", 0, actions::add));
        assertNull(table.resolve(eth0, PEER, ME, "second", S / 2, actions::add));
        assertEquals(List.of(request(MacAddress.BROADCAST, ME)), actions);
        assertEquals(NudState.INCOMPLETE, state());
        assertEquals(OptionalLong.of(S), table.nextDeadline());

        actions.clear();
        table.tick(2 * S + S / 2, actions::add);
        assertEquals(List.of(request(MacAddress.BROADCAST, ME), request(MacAddress.BROADCAST, ME)), actions);
        assertEquals(NudState.INCOMPLETE, state());

        actions.clear();
        table.tick(3 * S, actions::add);
        assertEquals(List.of(new NeighbourAction.Unreachable<>(eth0, PEER, "first"),
                new NeighbourAction.Unreachable<>(eth0, PEER, "second")), actions);
        assertEquals(NudState.FAILED, state());
        assertTrue(table.nextDeadline().isEmpty());
    }

    @Test
    void anAnswerReleasesTheWaitingPacketsInOrder() {
        table.resolve(eth0, PEER, ME, "first", 0, actions::add);
        table.resolve(eth0, PEER, ME, "second", 10, actions::add);
        actions.clear();
        table.receiveArp(eth0, reply(), true, 20, actions::add);

        assertEquals(List.of(new NeighbourAction.Transmit<>(eth0, THEIRS, "first"),
                new NeighbourAction.Transmit<>(eth0, THEIRS, "second")), actions);
        assertEquals(NudState.REACHABLE, state());
        assertEquals(THEIRS, table.resolve(eth0, PEER, ME, "third", 30, actions::add));
    }

    @Test
    void aReachableEntryTurnsStaleThenDelayThenProbesByUnicastAndFailsWithoutAnswer() {
        resolveAndAnswer(0);
        table.tick(31 * S, actions::add);
        assertEquals(NudState.STALE, state());

        assertEquals(THEIRS, table.resolve(eth0, PEER, ME, "later", 40 * S, actions::add));
        assertEquals(NudState.DELAY, state());
        actions.clear();
        table.tick(45 * S, actions::add);
        assertEquals(NudState.PROBE, state());
        assertEquals(List.of(request(THEIRS, ME)), actions, "the first probe is unicast to the known MAC");
        assertEquals(THEIRS, table.resolve(eth0, PEER, ME, "during probe", 45 * S + 1, actions::add),
                "packets still go out while probing");

        actions.clear();
        table.tick(48 * S, actions::add);
        assertEquals(List.of(request(THEIRS, ME), request(THEIRS, ME)), actions);
        assertEquals(NudState.FAILED, state());
    }

    @Test
    void aConfirmationDuringDelayMakesTheEntryReachableWithoutProbing() {
        resolveAndAnswer(0);
        table.tick(31 * S, actions::add);
        table.resolve(eth0, PEER, ME, "p", 32 * S, actions::add);
        table.confirm(eth0, PEER, 33 * S);
        actions.clear();
        table.tick(37 * S, actions::add);
        assertEquals(NudState.REACHABLE, state());
        assertEquals(List.of(), actions);
    }

    @Test
    void aProbeAnsweredInTimeKeepsTheEntry() {
        resolveAndAnswer(0);
        table.tick(31 * S, actions::add);
        table.resolve(eth0, PEER, ME, "p", 32 * S, actions::add);
        table.tick(37 * S, actions::add);
        assertEquals(NudState.PROBE, state());
        table.receiveArp(eth0, reply(), true, 37 * S + S / 2, actions::add);
        assertEquals(NudState.REACHABLE, state());
    }

    @Test
    void theQueueKeepsTheNewestPacketsAndDropsTheOldest() {
        for (int i = 0; i < 103; i++) {
            table.resolve(eth0, PEER, ME, "p" + i, i, actions::add);
        }
        assertEquals(101, table.queued(eth0, PEER));
        assertEquals(List.of(new NeighbourAction.Dropped<>(eth0, PEER, "p0", NeighbourAction.DropReason.QUEUE_FULL),
                new NeighbourAction.Dropped<>(eth0, PEER, "p1", NeighbourAction.DropReason.QUEUE_FULL)),
                actions.stream().filter(a -> a instanceof NeighbourAction.Dropped).toList());
    }

    @Test
    void aRequestForOurAddressIsAnsweredAndTeachesUsTheSender() {
        ArpPacket request = ArpPacket.request(THEIRS, PEER, ME);
        table.receiveArp(eth0, request, false, 0, actions::add);

        ArpPacket answer = new ArpPacket(ArpOperation.REPLY, OURS, ME, THEIRS, PEER);
        assertEquals(List.of(new NeighbourAction.SendArp<>(eth0, new EthernetFrame(THEIRS, OURS, answer))), actions);
        assertEquals(Optional.of(new Neighbour(PEER, eth0, Optional.of(THEIRS), NudState.STALE)), table.find(eth0, PEER));
    }

    @Test
    void unsolicitedRepliesAndRequestsForOthersCreateNothing() {
        table.receiveArp(eth0, reply(), true, 0, actions::add);
        table.receiveArp(eth0, ArpPacket.request(THEIRS, PEER, Ipv4Address.parse("192.168.1.77")), false, 0,
                actions::add);
        assertEquals(List.of(), table.entries());
        assertEquals(List.of(), actions);
    }

    @Test
    void broadcastAddressesNeedNoResolution() {
        assertEquals(MacAddress.BROADCAST, table.resolve(eth0, BROADCAST, ME, "b", 0, actions::add));
        assertEquals(MacAddress.parse("01:00:5e:00:00:01"),
                table.resolve(eth0, Ipv4Address.parse("224.0.0.1"), ME, "m", 0, actions::add));
        assertEquals(List.of(), actions);
    }

    @Test
    void downFlushesEverythingWhileCarrierLossKeepsPermanentEntries() {
        table.set(eth0, Ipv4Address.parse("192.168.1.7"), Optional.of(THEIRS), NudState.PERMANENT, true, true, 0,
                actions::add);
        table.resolve(eth0, PEER, ME, "waiting", 0, actions::add);
        actions.clear();
        table.flushDevice(eth0, true, actions::add);
        assertEquals(List.of(new NeighbourAction.Dropped<>(eth0, PEER, "waiting",
                NeighbourAction.DropReason.DEVICE_DOWN)), actions);
        assertEquals(1, table.entries().size());
        table.flushDevice(eth0, false, actions::add);
        assertEquals(List.of(), table.entries());
    }

    @Test
    void administrativeChangesFollowTheKernelsAnswers() {
        Ipv4Address seven = Ipv4Address.parse("192.168.1.7");
        table.set(eth0, seven, Optional.of(THEIRS), NudState.PERMANENT, true, true, 0, actions::add);
        assertEquals(Errno.EEXIST, assertThrows(NetlinkException.class, () -> table.set(eth0, seven,
                Optional.of(THEIRS), NudState.PERMANENT, true, true, 0, actions::add)).errno());
        assertEquals(Errno.ENOENT, assertThrows(NetlinkException.class, () -> table.set(eth0,
                Ipv4Address.parse("192.168.1.8"), Optional.of(THEIRS), NudState.PERMANENT, false, false, 0,
                actions::add)).errno());
        assertEquals("No link layer address given", assertThrows(NetlinkException.class, () -> table.set(eth0,
                Ipv4Address.parse("192.168.1.9"), Optional.empty(), NudState.PERMANENT, true, true, 0,
                actions::add)).extack().orElseThrow());
        assertEquals(NudState.NONE, table.find(eth0, Ipv4Address.parse("192.168.1.9")).orElseThrow().state(),
                "the refused entry stays behind, as in the kernel");
        table.receiveArp(eth0, new ArpPacket(ArpOperation.REPLY, MacAddress.parse("02:00:00:00:00:99"), seven, OURS,
                ME), true, 5 * S, actions::add);
        assertEquals(Optional.of(THEIRS), table.find(eth0, seven).orElseThrow().mac(), "ARP never changes a permanent entry");
        table.delete(eth0, seven, 6 * S, actions::add);
        assertThrows(NetlinkException.class, () -> table.delete(eth0, seven, 6 * S, actions::add));
    }

    @Test
    void theClockOnlyMovesForward() {
        table.tick(10, actions::add);
        assertThrows(IllegalArgumentException.class, () -> table.tick(5, actions::add));
    }

    private void resolveAndAnswer(long now) {
        table.resolve(eth0, PEER, ME, "first", now, actions::add);
        table.receiveArp(eth0, reply(), true, now, actions::add);
        actions.clear();
    }

    private NudState state() {
        return table.find(eth0, PEER).orElseThrow().state();
    }

    private NeighbourAction<String> request(MacAddress destination, Ipv4Address sender) {
        return new NeighbourAction.SendArp<>(eth0,
                new EthernetFrame(destination, OURS, ArpPacket.request(OURS, sender, PEER)));
    }

    private static ArpPacket reply() {
        return new ArpPacket(ArpOperation.REPLY, THEIRS, PEER, OURS, ME);
    }
}
