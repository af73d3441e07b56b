package io.nflab.socket;

import io.nflab.packet.Ipv4Packet;
import java.util.List;

/**
 * What {@link SocketTable#poll} hands the stack: the locally generated packets to send (in order,
 * through OUTPUT and POSTROUTING) and when the table next needs to be polled.
 *
 * @param nextDeadline lab-clock nanoseconds of the next timer, or {@link #NO_DEADLINE}
 */
public record Transmission(List<Ipv4Packet> packets, long nextDeadline) {
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    public Transmission {
        packets = List.copyOf(packets);
    }

    public boolean hasDeadline() {
        return nextDeadline != NO_DEADLINE;
    }
}
