package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.UdpDatagram;
import io.nflab.socket.SocketError;
import io.nflab.socket.SocketException;
import io.nflab.socket.SocketTable;
import io.nflab.socket.Timer;
import io.nflab.socket.UdpHandler;
import io.nflab.socket.UdpSocket;
import java.util.Objects;

/**
 * {@code traceroute [-n] [-m MAX_HOPS] [-q NQUERIES] DESTINATION} as Debian's traceroute 2.1.2 runs it
 * (default method): UDP probes of 32 bytes ({@code @ABC…}) without DF, each from a new socket with
 * {@code IP_RECVERR}, to ports 33434, 33435, …; up to 16 probes out at once; a probe waits at most 5 s,
 * or 3 times the round trip of an answered probe of its hop, or 10 times that of a later answered probe;
 * a hop line per hop ({@code " 1  10.0.0.1 (10.0.0.1)  0.123 ms  0.101 ms  0.099 ms"}, {@code *} for
 * silence, {@code !H !N !P !X …} after unreachables); done at the hop that answers with port unreachable
 * or another final error. The probe loop and its heuristics ({@code do_it}, {@code get_timeout},
 * {@code check_expired}, {@code print_probe}) are ported from traceroute.c on the lab clock. Names are
 * not resolved (there is no DNS): without {@code -n} an address prints as {@code ADDRESS (ADDRESS)}.
 */
public final class TracerouteClient extends ClientProgram {
    private static final long MILLIS = 1_000_000L;
    private static final int FIRST_PORT = 33434;
    private static final int SIMULTANEOUS = 16;
    private static final long WAIT = 5_000 * MILLIS;
    private static final int HERE_FACTOR = 3;
    private static final int NEAR_FACTOR = 10;
    private static final long WAIT_PRECISION = MILLIS;
    private static final Bytes DATA = data();

    /**
     * @param maxHops       {@code -m} (30)
     * @param probesPerHop  {@code -q} (3)
     * @param numeric       {@code -n}
     */
    public record Options(int maxHops, int probesPerHop, boolean numeric) {
        public static final Options DEFAULT = new Options(30, 3, false);

        public Options {
            if (maxHops < 1 || maxHops > 255) {
                throw new IllegalArgumentException("max hops out of range 1-255: " + maxHops);
            }
            if (probesPerHop < 1 || probesPerHop > 10) {
                throw new IllegalArgumentException("probes per hop out of range 1-10: " + probesPerHop);
            }
        }

        public Options withMaxHops(int hops) {
            return new Options(hops, probesPerHop, numeric);
        }

        public Options withNumeric(boolean on) {
            return new Options(maxHops, probesPerHop, on);
        }
    }

    /** One probe's slot, as traceroute.c's {@code probe}. */
    private static final class Probe {
        boolean sent;
        long sendTime;
        boolean done;
        boolean isFinal;
        boolean replied;
        long receiveTime;
        Ipv4Address from;
        int receivedTtl;
        String error = "";
        UdpSocket socket;

        void copyFrom(Probe other) {
            sent = other.sent;
            sendTime = other.sendTime;
            done = other.done;
            isFinal = other.isFinal;
            replied = other.replied;
            receiveTime = other.receiveTime;
            from = other.from;
            receivedTtl = other.receivedTtl;
            error = other.error;
            socket = other.socket;
        }

        void clear() {
            copyFrom(new Probe());
        }
    }

    private final SocketTable table;
    private final Ipv4Address destination;
    private final String hostname;
    private final Options options;
    private final Probe[] probes;
    private int start;
    private int end;
    private int nextPort = FIRST_PORT;
    private Timer timer;

    private TracerouteClient(SocketTable table, Ipv4Address destination, String hostname, Options options) {
        this.table = table;
        this.destination = destination;
        this.hostname = hostname;
        this.options = options;
        this.probes = new Probe[options.maxHops() * options.probesPerHop()];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = new Probe();
        }
        this.end = probes.length;
    }

    /** Starts {@code traceroute} at {@code now}; the first probes go out with the table's next poll. */
    public static TracerouteClient start(SocketTable table, Ipv4Address destination, Options options, long now) {
        return start(table, destination, destination.toString(), options, now);
    }

    public static TracerouteClient start(SocketTable table, Ipv4Address destination, String hostname, Options options,
                                         long now) {
        return started(new TracerouteClient(Objects.requireNonNull(table, "table"), destination, hostname, options),
                now);
    }

    /** The header line's start, then the first probes. */
    @Override
    void begin(long now) {
        output.out("traceroute to " + hostname + " (" + destination + "), " + options.maxHops()
                + " hops max, " + (20 + UdpDatagram.HEADER_LENGTH + DATA.length()) + " byte packets");
        run(now);
    }

    /** traceroute.c's {@code do_it}, resumed whenever a reply or a timer comes. */
    private void run(long now) {
        if (output.exited()) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        while (start < end) {
            int sent = 0;
            long next = Long.MIN_VALUE;
            for (int n = start; n < end; n++) {
                Probe probe = probes[n];
                if (n == start && !probe.done && probe.sent) {
                    long expiry = probe.sendTime + timeout(n);
                    if (expiry > now) {
                        next = expiry;
                    } else {
                        done(probe);
                        checkExpired(n);
                    }
                }
                if (probe.done) {
                    if (n == start) {
                        print(n);
                        start++;
                    }
                    if (probe.isFinal) {
                        end = (n / options.probesPerHop() + 1) * options.probesPerHop();
                    }
                    continue;
                }
                if (!probe.sent) {
                    if (!send(n, now)) {
                        return;
                    }
                }
                if (next == Long.MIN_VALUE) {
                    next = probe.sendTime + timeout(n);
                }
                if (++sent >= SIMULTANEOUS) {
                    break;
                }
            }
            if (next != Long.MIN_VALUE) {
                timer = table.schedule(Math.max(next, now), this::run);
                return;
            }
        }
        output.out("\n");
        output.exit(0);
        closeAll();
    }

    private boolean send(int n, long now) {
        Probe probe = probes[n];
        UdpSocket socket = table.openUdp("traceroute", new UdpHandler() {
            @Override
            public void received(UdpSocket s, Ipv4Packet packet, UdpDatagram datagram, long at) {
                answered(probe, packet.source(), packet.ttl(), at);
                probe.isFinal = true;
                run(at);
            }

            @Override
            public void error(UdpSocket s, SocketError error, long at) {
                answered(probe, error.offender(), error.packet().ttl(), at);
                parseIcmp(probe, error);
                run(at);
            }
        });
        socket.setTtl(n / options.probesPerHop() + 1);
        socket.setDontFragment(false);
        socket.setReceiveErrors(true);
        try {
            socket.connect(destination, nextPort);
        } catch (SocketException e) {
            socket.close();
            output.err("\nconnect: " + e.errno().message() + "\n");
            output.exit(1);
            closeAll();
            return false;
        }
        probe.sent = true;
        probe.sendTime = now;
        socket.send(DATA, now);
        probe.socket = socket;
        nextPort++;
        return true;
    }

    private void answered(Probe probe, Ipv4Address from, int ttl, long now) {
        if (probe.done) {
            return;
        }
        probe.from = from;
        probe.replied = true;
        probe.receiveTime = now;
        probe.receivedTtl = ttl;
    }

    /** traceroute.c's {@code parse_icmp_res}. */
    private static void parseIcmp(Probe probe, SocketError error) {
        if (probe.done) {
            return;
        }
        int type = error.type();
        int code = error.code();
        String text = null;
        if (type == IcmpType.TIME_EXCEEDED.number()) {
            if (code == IcmpCode.TTL_ZERO_DURING_TRANSIT) {
                done(probe);
                return;
            }
        } else if (type == IcmpType.DESTINATION_UNREACHABLE.number()) {
            text = switch (code) {
                case IcmpCode.NETWORK_UNREACHABLE, IcmpCode.NETWORK_UNKNOWN, IcmpCode.SOURCE_HOST_ISOLATED,
                        IcmpCode.TOS_NETWORK_UNREACHABLE -> "!N";
                case IcmpCode.HOST_UNREACHABLE, IcmpCode.HOST_UNKNOWN, IcmpCode.TOS_HOST_UNREACHABLE -> "!H";
                case IcmpCode.NETWORK_PROHIBITED, IcmpCode.HOST_PROHIBITED, IcmpCode.COMMUNICATION_PROHIBITED -> "!X";
                case IcmpCode.PORT_UNREACHABLE -> "";
                case IcmpCode.PROTOCOL_UNREACHABLE -> "!P";
                case IcmpCode.FRAGMENTATION_NEEDED -> "!F-" + error.icmp().mtu();
                case IcmpCode.SOURCE_ROUTE_FAILED -> "!S";
                case IcmpCode.HOST_PRECEDENCE_VIOLATION -> "!V";
                case IcmpCode.PRECEDENCE_CUTOFF -> "!C";
                default -> "!<" + code + ">";
            };
        }
        probe.error = text == null ? "!<" + type + "-" + code + ">" : text;
        probe.isFinal = true;
        done(probe);
    }

    private static void done(Probe probe) {
        if (probe.socket != null) {
            probe.socket.close();
            probe.socket = null;
        }
        probe.done = true;
    }

    /** traceroute.c's {@code get_timeout}. */
    private long timeout(int index) {
        int pph = options.probesPerHop();
        int first = index - index % pph;
        for (int i = first; i < first + pph; i++) {
            Probe p = probes[i];
            long value;
            if (p.done && p.replied && (value = p.receiveTime - p.sendTime) > 0) {
                return Math.min((value + WAIT_PRECISION) * HERE_FACTOR, WAIT);
            }
        }
        for (int i = index + 1; i < probes.length && probes[i].sent; i++) {
            Probe p = probes[i];
            long value;
            if (p.done && p.replied && (value = p.receiveTime - p.sendTime) > 0) {
                return Math.min((value + WAIT_PRECISION) * NEAR_FACTOR, WAIT);
            }
        }
        return WAIT;
    }

    /** traceroute.c's {@code check_expired}: a final answer that came for a later probe may belong here. */
    private void checkExpired(int index) {
        int pph = options.probesPerHop();
        Probe probe = probes[index];
        Probe previousFinal = null;
        for (int i = index - index % pph; i < index; i++) {
            if (!probes[i].done || !probes[i].isFinal) {
                return;
            }
            previousFinal = probes[i];
        }
        int finalIndex = -1;
        for (int i = index + 1; i < probes.length && probes[i].sent; i++) {
            if (probes[i].done) {
                if (!probes[i].isFinal) {
                    return;
                }
                finalIndex = i;
                break;
            }
        }
        if (finalIndex < 0) {
            return;
        }
        Probe finalProbe = probes[finalIndex];
        if (finalProbe.error.isEmpty()) {
            return;
        }
        if (previousFinal != null || index % pph + (finalIndex - index) < pph) {
            replaceByFinal(probe, finalProbe);
            return;
        }
        for (int i = index - 1; i >= 0; i--) {
            if (probes[i].from != null && probes[i].from.equals(finalProbe.from)) {
                replaceByFinal(probe, finalProbe);
                return;
            }
        }
        if (finalProbe.receivedTtl != 0) {
            int backHops = hops(finalProbe.receivedTtl);
            for (int i = index - 1; i >= 0; i--) {
                Probe p = probes[i];
                if (p.done && !p.isFinal && p.receivedTtl != 0) {
                    int hops = hops(p.receivedTtl);
                    if (hops < backHops) {
                        backHops = backHops - hops + i / pph + 1;
                        break;
                    }
                }
            }
            if (backHops <= index / pph + 1) {
                replaceByFinal(probe, finalProbe);
            }
        }
    }

    private static void replaceByFinal(Probe probe, Probe finalProbe) {
        probe.copyFrom(finalProbe);
        finalProbe.clear();
        finalProbe.sent = true;
        finalProbe.sendTime = Long.MIN_VALUE / 4;
    }

    private static int hops(int ttl) {
        return (ttl <= 64 ? 65 : ttl <= 128 ? 129 : 256) - ttl;
    }

    /** traceroute.c's {@code print_probe}. */
    private void print(int index) {
        int pph = options.probesPerHop();
        Probe probe = probes[index];
        int np = index % pph;
        StringBuilder text = new StringBuilder();
        if (np == 0) {
            text.append(String.format("\n%2d ", index / pph + 1));
        }
        if (probe.from == null) {
            text.append(" *");
        } else {
            boolean show = np == 0;
            if (np != 0) {
                int i = index - 1;
                int k = np;
                while (k != 0 && probes[i].from == null) {
                    i--;
                    k--;
                }
                if (k == 0 || !probes[i].from.equals(probe.from)) {
                    show = true;
                }
            }
            if (show) {
                text.append(options.numeric() ? " " + probe.from : " " + probe.from + " (" + probe.from + ")");
            }
        }
        if (probe.replied) {
            long micros = probe.receiveTime / 1000 - probe.sendTime / 1000;
            text.append("  ").append(CFormat.millis(micros)).append(" ms");
        }
        if (!probe.error.isEmpty()) {
            text.append(' ').append(probe.error);
        }
        output.out(text.toString());
    }

    private void closeAll() {
        for (Probe probe : probes) {
            if (probe.socket != null) {
                probe.socket.close();
            }
        }
    }

    private static Bytes data() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0x40 + (i & 0x3f));
        }
        return Bytes.of(bytes);
    }

    @Override
    public String toString() {
        return "traceroute " + hostname;
    }
}
