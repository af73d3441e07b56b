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
public final class UdpClient implements Program {
    private final SocketTable table;
    private final String hostname;
    private final int port;
    private final long wait;
    private final ProgramOutput output = new ProgramOutput();
    private UdpSocket socket;
    private Outcome outcome = Outcome.PENDING;
    private Timer timer;

    private UdpClient(SocketTable table, String hostname, int port, long wait) {
        this.table = table;
        this.hostname = hostname;
        this.port = port;
        this.wait = wait;
    }

    public static UdpClient start(SocketTable table, Ipv4Address destination, int port, Bytes input, long wait, long now) {
        UdpClient client = new UdpClient(Objects.requireNonNull(table, "table"), destination.toString(), port, wait);
        client.begin(destination, Objects.requireNonNull(input, "input"), now);
        return client;
    }

    @Override
    public boolean isFinished() {
        return output.exited();
    }

    @Override
    public ToolOutput output() {
        return output.snapshot();
    }

    /** ESTABLISHED once an answer came, REFUSED/UNREACHABLE on an ICMP error, TIMED_OUT after silence. */
    public Outcome outcome() {
        return outcome;
    }

    private void begin(Ipv4Address destination, Bytes input, long now) {
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
