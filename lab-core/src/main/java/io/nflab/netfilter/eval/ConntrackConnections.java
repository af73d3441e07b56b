package io.nflab.netfilter.eval;

import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.TcpState;
import java.util.Objects;

/**
 * The {@link ConnectionTable} of a namespace's {@link ConntrackTable}, for {@code -m connlimit}: a
 * connection counts while the table finds it and, for TCP, it is not in TIME_WAIT or CLOSE (nf_conncount's
 * {@code already_closed}).
 */
public final class ConntrackConnections implements ConnectionTable {
    private final ConntrackTable table;

    public ConntrackConnections(ConntrackTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public boolean isOpen(int protocol, int source, int destination, int sourcePort, int destinationPort, int zone,
                          long now) {
        return table.find(ConntrackTuple.of(protocol, source, destination, sourcePort, destinationPort), zone, now)
                .map(match -> match.entry().tcpState()
                        .map(state -> state != TcpState.TIME_WAIT && state != TcpState.CLOSE).orElse(true))
                .orElse(false);
    }
}
