package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.socket.Outcome;
import io.nflab.socket.SocketException;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpConnection;
import io.nflab.socket.TcpHandler;
import io.nflab.socket.TcpListener;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scripted FTP client for one transfer: it logs in ({@code USER anonymous}, {@code PASS}), switches to
 * binary, opens the data channel the chosen way (PASV, EPSV, PORT or EPRT; for the active ones it listens
 * on an ephemeral port of its control connection's address), sends the transfer command ({@code LIST} or
 * {@code RETR FILE}), reads the data until the server closes it and the {@code 226} has come, and quits.
 * stdout is the dialogue, commands as {@code ---> COMMAND}, replies as the server sent them; exit code 0
 * when the transfer completed, 1 otherwise. Any error reply ends the session with QUIT.
 */
public final class FtpClient extends ClientProgram {

    /** How the data connection is opened. */
    public enum Mode {
        PASV, EPSV, PORT, EPRT
    }

    private final SocketTable table;
    private final Ipv4Address server;
    private final int port;
    private final Mode mode;
    private final List<String> script;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final List<String> replies = new ArrayList<>();
    private final LineBuffer lines = new LineBuffer();
    private TcpConnection control;
    private TcpListener activeListener;
    private int step;
    private boolean transferStarted;
    private boolean transferReplied;
    private boolean dataClosed;
    private boolean transferred;
    private Outcome outcome = Outcome.PENDING;

    private FtpClient(SocketTable table, Ipv4Address server, int port, Mode mode, String transferCommand) {
        this.table = table;
        this.server = server;
        this.port = port;
        this.mode = mode;
        this.script = List.of("USER anonymous", "PASS nflab@", "TYPE I", mode.name(), transferCommand, "QUIT");
    }

    /** Connects to an FTP server and runs the script; {@code transferCommand} is {@code LIST} or {@code RETR NAME}. */
    public static FtpClient start(SocketTable table, Ipv4Address server, int port, Mode mode, String transferCommand, long now) {
        return started(new FtpClient(table, server, port, mode, transferCommand), now);
    }

    @Override
    void begin(long now) {
        try {
            control = table.connect(server, port, "ftp", new Control(), now);
        } catch (SocketException e) {
            outcome = Outcome.of(e.errno(), false);
            output.err("ftp: connect: " + e.errno().message() + "\n");
            output.exit(1);
        }
    }

    /** The bytes that came over the data connection. */
    public Bytes data() {
        return Bytes.of(data.toByteArray());
    }

    /** Every reply line of the server, in order. */
    public List<String> replies() {
        return List.copyOf(replies);
    }

    /** How the control connection went. */
    public Outcome outcome() {
        return outcome;
    }

    /** Whether the transfer completed (data received and 226). */
    public boolean transferred() {
        return transferred;
    }

    private final class Control implements TcpHandler {
        @Override
        public void connected(TcpConnection c, long now) {
            outcome = Outcome.ESTABLISHED;
        }

        @Override
        public void received(TcpConnection c, Bytes bytes, long now) {
            for (String line : lines.add(bytes)) {
                replies.add(line);
                output.out(line + "\n");
                if (line.length() >= 4 && line.substring(0, 3).matches("[0-9]{3}") && line.charAt(3) == ' ') {
                    reply(line, now);
                }
            }
        }

        @Override
        public void peerClosed(TcpConnection c, long now) {
            c.close(now);
        }

        @Override
        public void closed(TcpConnection c, long now) {
            if (!c.wasEstablished()) {
                outcome = c.outcome();
                output.err("ftp: connect: " + c.error().map(e -> e.message()).orElse("Connection timed out") + "\n");
            }
            if (activeListener != null) {
                activeListener.close();
            }
            output.exit(transferred ? 0 : 1);
        }
    }

    /** A complete reply (its last line) arrived. */
    private void reply(String line, long now) {
        int code = Integer.parseInt(line.substring(0, 3));
        if (code == 150 || code == 125) {
            return;
        }
        if (step > 0 && script.get(step - 1).equals("QUIT")) {
            return;
        }
        if (code >= 400) {
            if (transferStarted) {
                transferReplied = true;
            }
            send("QUIT", now);
            step = script.size();
            return;
        }
        if (transferStarted) {
            transferReplied = true;
            next(now);
            return;
        }
        if (step > 0 && script.get(step - 1).equals(mode.name()) && (mode == Mode.PASV || mode == Mode.EPSV)) {
            Optional<Integer> port = mode == Mode.PASV
                    ? FtpAddresses.parsePassiveReply(line).map(FtpAddresses.HostPort::port)
                    : FtpAddresses.parseExtendedPassiveReply(line);
            Ipv4Address address = mode == Mode.PASV
                    ? FtpAddresses.parsePassiveReply(line).map(FtpAddresses.HostPort::address).orElse(control.remoteAddress())
                    : control.remoteAddress();
            if (port.isEmpty()) {
                send("QUIT", now);
                step = script.size();
                return;
            }
            table.connect(address, port.get(), "ftp-data", new DataHandler(), now);
        }
        next(now);
    }

    private void next(long now) {
        if (transferStarted && !(transferReplied && dataClosed)) {
            return;
        }
        if (transferStarted) {
            transferred = true;
            transferStarted = false;
        }
        if (step >= script.size()) {
            return;
        }
        String command = script.get(step++);
        if (command.equals("PORT") || command.equals("EPRT")) {
            activeListener = table.listen(control.localAddress(), 0, "ftp-data", (connection, at) -> {
                activeListener.close();
                return new DataHandler();
            });
            int port = activeListener.port();
            command = command.equals("PORT") ? "PORT " + FtpAddresses.hostPort(control.localAddress(), port)
                    : "EPRT " + FtpAddresses.extended(control.localAddress(), port);
        } else if (step == script.size() - 1) {
            transferStarted = true;
        }
        send(command, now);
    }

    private void send(String command, long now) {
        if (control.state().canSend()) {
            output.out("---> " + command + "\n");
            control.send(Bytes.ofLatin1(command + "\r\n"), now);
        }
    }

    private final class DataHandler implements TcpHandler {
        @Override
        public void received(TcpConnection c, Bytes bytes, long now) {
            data.writeBytes(bytes.toArray());
        }

        @Override
        public void peerClosed(TcpConnection c, long now) {
            c.close(now);
            dataClosed = true;
            next(now);
        }
    }

    @Override
    public String toString() {
        return "ftp " + mode + " " + script.get(4);
    }
}
