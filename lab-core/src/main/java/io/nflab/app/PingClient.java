package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.Payload;
import io.nflab.socket.PingHandler;
import io.nflab.socket.PingSocket;
import io.nflab.socket.Route;
import io.nflab.socket.SocketError;
import io.nflab.socket.SocketException;
import io.nflab.socket.SocketTable;
import io.nflab.socket.Timer;
import java.util.BitSet;
import java.util.Objects;

/**
 * {@code ping -c COUNT [-i INTERVAL] [-t TTL] [-s SIZE] DESTINATION} as iputils 20221126 runs it, on the lab
 * clock: one echo request per interval carrying the send time (a {@code struct timeval}) and the byte
 * pattern 0x10, 0x11, …; a line per reply ({@code 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.045 ms})
 * with the round trip taken from the echoed time stamp, a {@code From …} line per ICMP error about a
 * request, and the statistics block when COUNT replies and errors are in or the wait after the last
 * request ran out (twice the longest round trip but at least the interval when something came back,
 * else 10 s). The statistics' {@code time} is from the first to the last request. No route at the start
 * is {@code ping: connect: Network is unreachable} with exit code 2; exit code 1 when nothing came back.
 */
public final class PingClient extends ClientProgram {
    private static final long MICROS = 1_000L;
    private static final long MILLIS = 1_000_000L;
    private static final long LINGER = 10_000 * MILLIS;
    private static final int TIMEVAL_LENGTH = 16;

    /**
     * @param count      {@code -c}, how many requests
     * @param interval   {@code -i} in nanoseconds (1 s)
     * @param ttl        {@code -t}, or 0 for {@code ip_default_ttl}
     * @param dataLength {@code -s}, the payload length (56)
     */
    public record Options(int count, long interval, int ttl, int dataLength) {
        public Options {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1: " + count);
            }
            if (interval <= 0) {
                throw new IllegalArgumentException("interval must be positive: " + interval);
            }
            if (ttl < 0 || ttl > 255) {
                throw new IllegalArgumentException("TTL out of range 0-255: " + ttl);
            }
            if (dataLength < 0 || dataLength > 65507) {
                throw new IllegalArgumentException("packet size out of range 0-65507: " + dataLength);
            }
        }

        public static Options count(int count) {
            return new Options(count, 1_000 * MILLIS, 0, 56);
        }

        public Options withTtl(int newTtl) {
            return new Options(count, interval, newTtl, dataLength);
        }

        public Options withInterval(long nanos) {
            return new Options(count, nanos, ttl, dataLength);
        }
    }

    private final SocketTable table;
    private final Ipv4Address destination;
    private final String hostname;
    private final Options options;
    private final BitSet received = new BitSet(0x10000);
    private final byte[] pattern;
    private PingSocket socket;
    private Timer sendTimer;
    private Timer exitTimer;
    private long start;
    private long lastSend;
    private long transmitted;
    private long replies;
    private long errors;
    private long repeats;
    private long tmin = Long.MAX_VALUE;
    private long tmax;
    private long tsum;
    private long tsum2;
    private int pipesize = -1;
    private int acked;

    private PingClient(SocketTable table, Ipv4Address destination, String hostname, Options options) {
        this.table = table;
        this.destination = destination;
        this.hostname = hostname;
        this.options = options;
        this.pattern = new byte[options.dataLength()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) i;
        }
    }

    /** Starts {@code ping} at {@code now}: the first request goes out with the table's next poll. */
    public static PingClient start(SocketTable table, Ipv4Address destination, Options options, long now) {
        return start(table, destination, destination.toString(), options, now);
    }

    /** As {@link #start(SocketTable, Ipv4Address, Options, long)}, with the destination as the user wrote it. */
    public static PingClient start(SocketTable table, Ipv4Address destination, String hostname, Options options, long now) {
        return started(new PingClient(Objects.requireNonNull(table, "table"), destination, hostname, options), now);
    }

    /** The echo identifier the requests carry. */
    public int identifier() {
        return socket == null ? -1 : socket.identifier();
    }

    @Override
    void begin(long now) {
        if (table.route(destination) instanceof Route.Unreachable unreachable) {
            output.err("ping: connect: " + unreachable.errno().message() + "\n");
            output.exit(2);
            return;
        }
        socket = table.openPing("ping", new PingHandler() {
            @Override
            public void reply(PingSocket s, Ipv4Packet packet, IcmpQuery reply, long at) {
                onReply(packet, reply, at);
            }

            @Override
            public void error(PingSocket s, SocketError error, long at) {
                onError(error, at);
            }
        });
        if (options.ttl() > 0) {
            socket.setTtl(options.ttl());
        }
        output.out("PING " + hostname + " (" + destination + ") " + options.dataLength() + "("
                + (options.dataLength() + 8 + 20) + ") bytes of data.\n");
        start = now;
        sendTimer = table.schedule(now, this::pinger);
    }

    private void pinger(long now) {
        if (output.exited()) {
            return;
        }
        int sequence = (int) ((transmitted + 1) & 0xffff);
        received.clear(sequence);
        lastSend = now;
        try {
            socket.send(destination, sequence, payload(now), now);
        } catch (SocketException e) {
            output.err("ping: sendmsg: " + e.errno().message() + "\n");
        }
        advanceTransmitted();
        if (transmitted < options.count()) {
            sendTimer = table.schedule(now + options.interval(), this::pinger);
        } else {
            long wait = replies > 0 ? Math.max(2 * tmax * MICROS, options.interval()) : LINGER;
            exitTimer = table.schedule(now + wait, this::finish);
        }
    }

    private Payload payload(long now) {
        byte[] data = pattern.clone();
        if (data.length >= TIMEVAL_LENGTH) {
            putLong(data, 0, now / 1_000_000_000L);
            putLong(data, 8, now % 1_000_000_000L / MICROS);
        }
        return Payload.of(data);
    }

    private void advanceTransmitted() {
        transmitted++;
        if ((((int) transmitted - acked) & 0xffff) > 0x7fff) {
            acked = (int) ((transmitted + 1) & 0xffff);
        }
    }

    private void acknowledge(int sequence) {
        int diff = ((int) transmitted - sequence) & 0xffff;
        if (diff <= 0x7fff) {
            if (diff + 1 > pipesize) {
                pipesize = diff + 1;
            }
            if ((short) (sequence - acked) > 0 || (((int) transmitted - acked) & 0xffff) > 0x7fff) {
                acked = sequence;
            }
        }
    }

    private void onReply(Ipv4Packet packet, IcmpQuery reply, long now) {
        if (output.exited()) {
            return;
        }
        int sequence = reply.sequence();
        replies++;
        acknowledge(sequence);
        Bytes data = reply.payload().bytes();
        int length = 8 + data.length();
        long triptime = 0;
        boolean timing = options.dataLength() >= TIMEVAL_LENGTH && data.length() >= TIMEVAL_LENGTH;
        if (timing) {
            long sentMicros = getLong(data, 0) * 1_000_000L + getLong(data, 8);
            long nowMicros = now / 1_000_000_000L * 1_000_000L + now % 1_000_000_000L / MICROS;
            triptime = Math.max(0, nowMicros - sentMicros);
            tsum += triptime;
            tsum2 += triptime * triptime;
            tmin = Math.min(tmin, triptime);
            tmax = Math.max(tmax, triptime);
        }
        boolean duplicate = received.get(sequence);
        if (duplicate) {
            repeats++;
            replies--;
        } else {
            received.set(sequence);
        }
        StringBuilder line = new StringBuilder();
        line.append(length).append(" bytes from ").append(packet.source()).append(": icmp_seq=").append(sequence)
                .append(" ttl=").append(packet.ttl());
        if (length < options.dataLength() + 8) {
            line.append(" (truncated)\n");
        } else {
            if (timing) {
                line.append(" time=").append(roundTrip(triptime)).append(" ms");
            }
            if (duplicate) {
                line.append(" (DUP!)");
            }
            line.append('\n');
        }
        output.out(line.toString());
        checkDone(now);
    }

    private void onError(SocketError error, long now) {
        if (output.exited() || !error.icmp().quote().header().destination().equals(destination)
                || error.icmp().quote().data().length() < 8) {
            return;
        }
        int sequence = error.icmp().quote().data().getUnsignedShort(6);
        acknowledge(sequence);
        errors++;
        output.out("From " + error.offender() + " icmp_seq=" + sequence + " " + describe(error) + "\n");
        checkDone(now);
    }

    private void checkDone(long now) {
        if (replies + errors >= options.count()) {
            finish(now);
        }
    }

    private void finish(long now) {
        if (output.exited()) {
            return;
        }
        if (sendTimer != null) {
            sendTimer.cancel();
        }
        if (exitTimer != null) {
            exitTimer.cancel();
        }
        socket.close();
        StringBuilder text = new StringBuilder("\n--- ").append(hostname).append(" ping statistics ---\n");
        text.append(transmitted).append(" packets transmitted, ").append(replies).append(" received");
        if (repeats > 0) {
            text.append(", +").append(repeats).append(" duplicates");
        }
        if (errors > 0) {
            text.append(", +").append(errors).append(" errors");
        }
        if (transmitted > 0) {
            text.append(", ").append(CFormat.g((float) ((transmitted - replies) * 100.0 / transmitted)))
                    .append("% packet loss");
            text.append(", time ").append((lastSend - start + 500_000) / MILLIS).append("ms");
        }
        text.append('\n');
        String comma = "";
        if (replies > 0 && options.dataLength() >= TIMEVAL_LENGTH) {
            long total = replies + repeats;
            long average = tsum / total;
            long variance = (tsum2 - tsum * tsum / total) / total;
            text.append("rtt min/avg/max/mdev = ").append(CFormat.millis(tmin)).append('/').append(CFormat.millis(average))
                    .append('/').append(CFormat.millis(tmax)).append('/').append(CFormat.millis(squareRoot(variance)))
                    .append(" ms");
            comma = ", ";
        }
        if (pipesize > 1) {
            text.append(comma).append("pipe ").append(pipesize);
        }
        text.append('\n');
        output.out(text.toString());
        output.exit(replies == 0 ? 1 : 0);
    }

    /** iputils' rounding of a round trip in microseconds: 3, 2, 1 or no decimals as it grows. */
    static String roundTrip(long triptime) {
        if (triptime >= 100_000 - 50) {
            return Long.toString((triptime + 500) / 1000);
        }
        if (triptime >= 10_000 - 5) {
            return (triptime + 50) / 1000 + "." + (triptime + 50) % 1000 / 100;
        }
        if (triptime >= 1000) {
            return (triptime + 5) / 1000 + "." + String.format("%02d", (triptime + 5) % 1000 / 10);
        }
        return CFormat.millis(triptime);
    }

    /** iputils' {@code llsqrt}: Newton's integer square root. */
    private static long squareRoot(long a) {
        long previous = Long.MAX_VALUE;
        long x = a;
        if (x > 0) {
            while (x < previous) {
                previous = x;
                x = (x + a / x) / 2;
            }
        }
        return x;
    }

    /** iputils' {@code pr_icmph} without {@code -v}. */
    static String describe(SocketError error) {
        int code = error.code();
        IcmpType type = error.icmp().type();
        if (type.equals(IcmpType.DESTINATION_UNREACHABLE)) {
            return switch (code) {
                case IcmpCode.NETWORK_UNREACHABLE -> "Destination Net Unreachable";
                case IcmpCode.HOST_UNREACHABLE -> "Destination Host Unreachable";
                case IcmpCode.PROTOCOL_UNREACHABLE -> "Destination Protocol Unreachable";
                case IcmpCode.PORT_UNREACHABLE -> "Destination Port Unreachable";
                case IcmpCode.FRAGMENTATION_NEEDED -> "Frag needed and DF set (mtu = " + error.icmp().mtu() + ")";
                case IcmpCode.SOURCE_ROUTE_FAILED -> "Source Route Failed";
                case IcmpCode.NETWORK_UNKNOWN -> "Destination Net Unknown";
                case IcmpCode.HOST_UNKNOWN -> "Destination Host Unknown";
                case IcmpCode.SOURCE_HOST_ISOLATED -> "Source Host Isolated";
                case IcmpCode.NETWORK_PROHIBITED -> "Destination Net Prohibited";
                case IcmpCode.HOST_PROHIBITED -> "Destination Host Prohibited";
                case IcmpCode.TOS_NETWORK_UNREACHABLE -> "Destination Net Unreachable for Type of Service";
                case IcmpCode.TOS_HOST_UNREACHABLE -> "Destination Host Unreachable for Type of Service";
                case IcmpCode.COMMUNICATION_PROHIBITED -> "Packet filtered";
                case IcmpCode.HOST_PRECEDENCE_VIOLATION -> "Precedence Violation";
                case IcmpCode.PRECEDENCE_CUTOFF -> "Precedence Cutoff";
                default -> "Dest Unreachable, Bad Code: " + code;
            };
        }
        if (type.equals(IcmpType.TIME_EXCEEDED)) {
            return switch (code) {
                case 0 -> "Time to live exceeded";
                case 1 -> "Frag reassembly time exceeded";
                default -> "Time exceeded, Bad Code: " + code;
            };
        }
        if (type.equals(IcmpType.PARAMETER_PROBLEM)) {
            return "Parameter problem: pointer = " + error.icmp().pointer();
        }
        return "Bad ICMP type: " + type.number();
    }

    private static void putLong(byte[] target, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static long getLong(Bytes bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | bytes.get(offset + i);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ping " + hostname;
    }
}
