package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.ConnlimitMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -m connlimit} as xt_connlimit with nf_conncount: the rule keeps, per masked source (or
 * destination) address, the connections it has seen; each evaluation drops those that are gone or
 * closed, adds the packet's own connection, and compares the count with the limit. Like the kernel's,
 * the lists belong to the rule and survive other changes of the ruleset.
 */
final class ConnlimitTest implements MatchTest {
    private final ConnectionTable connections;
    private final long limit;
    private final int mask;
    private final boolean upto;
    private final boolean perDestination;
    private final IntMap<List<Connection>> lists;

    ConnlimitTest(ConnlimitMatch match, ConnectionTable connections, IntMap<List<Connection>> lists) {
        this.connections = connections;
        limit = match.limit();
        mask = match.prefixLength() == 0 ? 0 : -1 << (32 - match.prefixLength());
        upto = match.upto();
        perDestination = match.perDestination();
        this.lists = lists;
    }

    @Override
    public boolean test(PacketContext packet) {
        int key = (perDestination ? packet.destination : packet.source) & mask;
        List<Connection> list = lists.get(key);
        if (list == null) {
            list = new ArrayList<>(2);
            lists.put(key, list);
        }
        boolean own = false;
        for (int i = list.size() - 1; i >= 0; i--) {
            Connection connection = list.get(i);
            if (!connection.isOpenIn(connections, packet.now)) {
                list.remove(i);
            } else if (connection.isOf(packet)) {
                own = true;
            }
        }
        if (!own) {
            list.add(Connection.of(packet));
        }
        return (list.size() > limit) != upto;
    }

    /** A connection as nf_conncount remembers it: its original tuple and zone. */
    record Connection(int protocol, int source, int destination, int sourcePort, int destinationPort, int zone) {

        static Connection of(PacketContext packet) {
            if (packet.hasConntrackEntry()) {
                ConntrackView ct = packet.conntrack;
                return new Connection(ct.protocol(), ct.originalSource(), ct.originalDestination(),
                        ct.originalSourcePort(), ct.originalDestinationPort(), ct.zone());
            }
            return new Connection(packet.protocol, packet.source, packet.destination, packet.sourcePort,
                    packet.destinationPort, 0);
        }

        boolean isOf(PacketContext packet) {
            if (packet.hasConntrackEntry()) {
                ConntrackView ct = packet.conntrack;
                return protocol == ct.protocol() && source == ct.originalSource()
                        && destination == ct.originalDestination() && sourcePort == ct.originalSourcePort()
                        && destinationPort == ct.originalDestinationPort() && zone == ct.zone();
            }
            return protocol == packet.protocol && source == packet.source && destination == packet.destination
                    && sourcePort == packet.sourcePort && destinationPort == packet.destinationPort && zone == 0;
        }

        boolean isOpenIn(ConnectionTable table, long now) {
            return table.isOpen(protocol, source, destination, sourcePort, destinationPort, zone, now);
        }
    }
}
