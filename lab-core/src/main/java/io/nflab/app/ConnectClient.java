package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.socket.Outcome;
import io.nflab.socket.SocketException;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpConnection;
import io.nflab.socket.TcpHandler;
import io.nflab.socket.Timer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * nflab's {@code connect}: a full TCP exchange through the host's own stack, reported like OpenBSD
 * {@code nc -v}. It connects; without a request it closes at once ({@code nc -v -z}); with one it sends
 * it, prints what comes back, and closes when the server closes or after {@code idle} nanoseconds
 * without data. stderr says {@code Connection to HOST PORT port [tcp/SERVICE] succeeded!} or
 * {@code nc: connect to HOST port PORT (tcp) failed: Connection refused} (timed out, no route to host,
 * network is unreachable); exit code 0 or 1.
 */
public final class ConnectClient extends ClientProgram {
    /** How long to wait for more of the answer before closing, unless told otherwise. */
    public static final long DEFAULT_IDLE = 2_000_000_000L;

    private final SocketTable table;
    private final Ipv4Address destination;
    private final String hostname;
    private final int port;
    private final Bytes request;
    private final long idle;
    private final ByteArrayOutputStream response = new ByteArrayOutputStream();
    private TcpConnection connection;
    private Outcome outcome = Outcome.PENDING;
    private Timer idleTimer;

    private ConnectClient(SocketTable table, Ipv4Address destination, String hostname, int port, Bytes request, long idle) {
        this.table = table;
        this.destination = destination;
        this.hostname = hostname;
        this.port = port;
        this.request = request;
        this.idle = idle;
    }

    /** Connects and closes ({@code nc -v -z HOST PORT}). */
    public static ConnectClient start(SocketTable table, Ipv4Address destination, int port, long now) {
        return start(table, destination, destination.toString(), port, Bytes.EMPTY, DEFAULT_IDLE, now);
    }

    /** Connects, sends {@code request} (none when empty), reads the answer, closes. */
    public static ConnectClient start(SocketTable table, Ipv4Address destination, String hostname, int port,
                                      Bytes request, long idle, long now) {
        return started(new ConnectClient(Objects.requireNonNull(table, "table"), destination, hostname, port,
                Objects.requireNonNull(request, "request"), idle), now);
    }

    /** How the connection attempt went. */
    public Outcome outcome() {
        return outcome;
    }

    /** The bytes the server sent. */
    public Bytes response() {
        return Bytes.of(response.toByteArray());
    }

    /** The connection, once opened (absent when there was no route). */
    public TcpConnection connection() {
        return connection;
    }

    @Override
    void begin(long now) {
        try {
            connection = table.connect(destination, port, "connect", new Handler(), now);
        } catch (SocketException e) {
            outcome = Outcome.of(e.errno(), false);
            fail(e.errno().message());
        }
    }

    private void fail(String message) {
        output.err("nc: connect to " + hostname + " port " + port + " (tcp) failed: " + message + "\n");
        output.exit(1);
    }

    private final class Handler implements TcpHandler {
        @Override
        public void connected(TcpConnection c, long now) {
            outcome = Outcome.ESTABLISHED;
            output.err("Connection to " + hostname + " " + port + " port [tcp/" + ServiceNames.of(port, "tcp")
                    + "] succeeded!\n");
            if (request.isEmpty()) {
                c.close(now);
                return;
            }
            c.send(request, now);
            restartIdle(now);
        }

        @Override
        public void received(TcpConnection c, Bytes data, long now) {
            response.writeBytes(data.toArray());
            output.out(new String(data.toArray(), StandardCharsets.ISO_8859_1));
            restartIdle(now);
        }

        @Override
        public void peerClosed(TcpConnection c, long now) {
            cancelIdle();
            c.close(now);
        }

        @Override
        public void closed(TcpConnection c, long now) {
            cancelIdle();
            if (!c.wasEstablished()) {
                outcome = c.outcome();
                fail(c.error().map(e -> e.message()).orElse("Connection timed out"));
                return;
            }
            if (c.error().isPresent()) {
                outcome = c.outcome();
            }
            output.exit(0);
        }

        private void restartIdle(long now) {
            cancelIdle();
            idleTimer = table.schedule(now + idle, at -> connection.close(at));
        }

        private void cancelIdle() {
            if (idleTimer != null) {
                idleTimer.cancel();
            }
        }
    }

    @Override
    public String toString() {
        return "connect " + hostname + " " + port;
    }
}
