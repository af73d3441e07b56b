package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.UdpDatagram;
import io.nflab.socket.Errno;
import io.nflab.socket.Outcome;
import io.nflab.socket.SocketError;
import io.nflab.socket.SocketException;
import io.nflab.socket.SocketTable;
import io.nflab.socket.Timer;
import io.nflab.socket.UdpHandler;
import io.nflab.socket.UdpSocket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code nc -u -w WAIT HOST PORT} with its standard input given: a connected UDP socket sends the input as
 * one datagram, prints what comes back, and quits {@code WAIT} nanoseconds after the last thing it saw,
 * exit code 0 (as OpenBSD nc does, also when an ICMP port unreachable made the socket's reads fail with
 * ECONNREFUSED). {@link #outcome()} tells a scenario whether the request was answered (ESTABLISHED),
 * refused, unreachable or met silence (TIMED_OUT); the socket has {@code IP_RECVERR} so that every ICMP
 * error counts (nc itself prints nothing either way). No route is {@code nc: connect to … failed}, exit 1.
 */
public final class UdpClient extends ClientProgram {
    private final SocketTable table;
    private final Ipv4Address destination;
    private final String hostname;
    private final Bytes input;
    private final int port;
    private final long wait;
    private UdpSocket socket;
    private Outcome outcome = Outcome.PENDING;
    private Timer timer;

    private UdpClient(SocketTable table, Ipv4Address destination, int port, Bytes input, long wait) {
        this.table = table;
        this.destination = destination;
        this.hostname = destination.toString();
        this.input = input;
        this.port = port;
        this.wait = wait;
    }

    public static UdpClient start(SocketTable table, Ipv4Address destination, int port, Bytes input, long wait, long now) {
        return started(new UdpClient(Objects.requireNonNull(table, "table"), destination, port,
                Objects.requireNonNull(input, "input"), wait), now);
    }

    /** ESTABLISHED once an answer came, REFUSED/UNREACHABLE on an ICMP error, TIMED_OUT after silence. */
    public Outcome outcome() {
        return outcome;
    }

    @Override
    void begin(long now) {
        socket = table.openUdp("nc", new UdpHandler() {
            @Override
            public void received(UdpSocket s, Ipv4Packet packet, UdpDatagram datagram, long at) {
                outcome = Outcome.ESTABLISHED;
                output.out(new String(datagram.payload().bytes().toArray(), StandardCharsets.ISO_8859_1));
                restart(at);
            }

            @Override
            public void error(UdpSocket s, SocketError error, long at) {
                if (outcome == Outcome.PENDING) {
                    outcome = Outcome.of(error.errno(), false);
                }
            }
        });
        socket.setReceiveErrors(true);
        try {
            socket.connect(destination, port);
        } catch (SocketException e) {
            outcome = Outcome.of(e.errno(), false);
            output.err("nc: connect to " + hostname + " port " + port + " (udp) failed: " + e.errno().message() + "\n");
            output.exit(1);
            socket.close();
            return;
        }
        if (!input.isEmpty()) {
            socket.send(input, now);
        }
        restart(now);
    }

    private void restart(long now) {
        if (timer != null) {
            timer.cancel();
        }
        timer = table.schedule(now + wait, this::quit);
    }

    private void quit(long now) {
        if (outcome == Outcome.PENDING) {
            outcome = Outcome.of(Errno.ETIMEDOUT, false);
        }
        socket.close();
        output.exit(0);
    }

    @Override
    public String toString() {
        return "nc -u " + hostname + " " + port;
    }
}
