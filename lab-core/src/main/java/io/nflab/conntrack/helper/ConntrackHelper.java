package io.nflab.conntrack.helper;

import io.nflab.conntrack.ConntrackResult;
import io.nflab.packet.Ipv4Packet;

/**
 * A conntrack helper (the kernel's {@code struct nf_conntrack_helper}): it reads the packets of the
 * connections it is attached to, announces the connections they will cause as expectations, and under
 * NAT rewrites the addresses in their payloads.
 */
public interface ConntrackHelper {
    /** The name {@code -j CT --helper} and {@code conntrack -L} use, e.g. "ftp". */
    String name();

    /** The protocol of the connections it helps (6 for TCP). */
    int protocol();

    /** The server port automatic assignment ({@code nf_conntrack_helper=1}) attaches it by. */
    int port();

    /**
     * Looks at a packet of a connection it is attached to, before the connection is confirmed (the
     * kernel's {@code helper->help} from {@code nf_confirm}), after NAT rewrote the headers.
     */
    HelperVerdict help(Ipv4Packet packet, ConntrackResult conntrack, long now);
}
