package io.nflab.conntrack;

/**
 * Test helper: one table and packets between a client (10.99.1.2) and a server (10.99.2.2) on a lab
 * clock in seconds; every packet that conntrack does not drop is confirmed, as when it leaves the box.
 */
final class Flows {
    static final long SECOND = 1_000_000_000L;

    final ConntrackTable table;
    long now;

    Flows() {
        this(new ConntrackTable());
    }

    Flows(ConntrackTable table) {
        this.table = table;
    }

    Flows at(double seconds) {
        now = Math.round(seconds * SECOND);
        return this;
    }

    /** A TCP segment from the client's port {@code clientPort} to the server's port 80, or back. */
    ConntrackResult tcp(boolean fromClient, int clientPort, int flags, int payload) {
        return send(fromClient
                ? ConntrackPacket.tcp(ProbeScenario.A, ProbeScenario.B, clientPort, 80, flags, payload, 40 + payload)
                : ConntrackPacket.tcp(ProbeScenario.B, ProbeScenario.A, 80, clientPort, flags, payload, 40 + payload));
    }

    ConntrackResult client(int flags) {
        return tcp(true, 40000, flags, 0);
    }

    ConntrackResult server(int flags) {
        return tcp(false, 40000, flags, 0);
    }

    ConntrackResult udp(boolean fromClient, int clientPort, int payload) {
        return send(fromClient ? ConntrackPacket.udp(ProbeScenario.A, ProbeScenario.B, clientPort, 53, 28 + payload)
                : ConntrackPacket.udp(ProbeScenario.B, ProbeScenario.A, 53, clientPort, 28 + payload));
    }

    ConntrackResult send(ConntrackPacket packet) {
        ConntrackResult result = table.track(packet, now);
        if (!result.dropped()) {
            table.confirm(result, now);
        }
        return result;
    }

    /** The only entry, for tests with one connection. */
    ConntrackEntry entry() {
        var entries = table.entries(now);
        if (entries.size() != 1) {
            throw new AssertionError("expected one entry, have " + entries);
        }
        return entries.get(0);
    }

    String line() {
        return ConntrackFormat.conntrackLine(entry(), now, false, false);
    }

    static final int SYN = TcpFlagBits.SYN;
    static final int SYN_ACK = TcpFlagBits.SYN | TcpFlagBits.ACK;
    static final int ACK = TcpFlagBits.ACK;
    static final int PSH_ACK = TcpFlagBits.PSH | TcpFlagBits.ACK;
    static final int FIN_ACK = TcpFlagBits.FIN | TcpFlagBits.ACK;
    static final int RST = TcpFlagBits.RST;
    static final int RST_ACK = TcpFlagBits.RST | TcpFlagBits.ACK;
}
