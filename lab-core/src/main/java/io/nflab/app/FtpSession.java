package io.nflab.app;

import io.nflab.packet.Bytes;
import io.nflab.socket.SocketException;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpConnection;
import io.nflab.socket.TcpHandler;
import io.nflab.socket.TcpListener;
import io.nflab.socket.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One FTP control connection on the server side and its data connections. */
final class FtpSession implements TcpHandler {
    /** The port active data connections come from (ftp-data). */
    static final int DATA_PORT = 20;
    /** How long a passive listener waits for the client's data connection (vsftpd's accept_timeout). */
    static final long ACCEPT_TIMEOUT = 60_000_000_000L;

    private final SocketTable table;
    private final TcpConnection control;
    private final String nodeName;
    private final Map<String, Bytes> files;
    private final LineBuffer lines = new LineBuffer();
    private boolean userGiven;
    private boolean loggedIn;
    private boolean binary;
    private TcpListener passiveListener;
    private TcpConnection passiveConnection;
    private FtpAddresses.HostPort activeTarget;
    private Transfer pending;
    private Timer acceptTimer;

    /** A transfer waiting for its data connection: what to send and what to say when it is done. */
    private record Transfer(Bytes data, String done) {
    }

    FtpSession(SocketTable table, TcpConnection control, String nodeName, Map<String, Bytes> files) {
        this.table = table;
        this.control = control;
        this.nodeName = nodeName;
        this.files = files;
    }

    @Override
    public void connected(TcpConnection c, long now) {
        reply("220 nflab FTP server on " + nodeName + " ready.", now);
    }

    @Override
    public void received(TcpConnection c, Bytes data, long now) {
        for (String line : lines.add(data)) {
            if (control.state().canSend()) {
                command(line, now);
            }
        }
    }

    @Override
    public void peerClosed(TcpConnection c, long now) {
        closeData();
        c.close(now);
    }

    private void command(String line, long now) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        switch (verb) {
            case "USER" -> {
                if (loggedIn) {
                    reply("530 Can't change to another user.", now);
                } else {
                    userGiven = true;
                    reply("331 Please specify the password.", now);
                }
            }
            case "PASS" -> {
                if (loggedIn) {
                    reply("230 Already logged in.", now);
                } else if (!userGiven) {
                    reply("503 Login with USER first.", now);
                } else {
                    loggedIn = true;
                    reply("230 Login successful.", now);
                }
            }
            case "QUIT" -> {
                reply("221 Goodbye.", now);
                closeData();
                control.close(now);
            }
            case "FEAT" -> reply("211-Features:\r\n EPRT\r\n EPSV\r\n PASV\r\n SIZE\r\n211 End", now);
            case "NOOP" -> reply("200 NOOP ok.", now);
            case "SYST" -> reply("215 UNIX Type: L8", now);
            default -> {
                if (!loggedIn) {
                    reply("530 Please login with USER and PASS.", now);
                } else {
                    loggedInCommand(verb, argument, now);
                }
            }
        }
    }

    private void loggedInCommand(String verb, String argument, long now) {
        switch (verb) {
            case "PWD", "XPWD" -> reply("257 \"/\" is the current directory", now);
            case "CWD" -> reply(argument.equals("/") || argument.equals(".")
                    ? "250 Directory successfully changed." : "550 Failed to change directory.", now);
            case "TYPE" -> type(argument, now);
            case "PASV" -> passive(false, now);
            case "EPSV" -> passive(true, now);
            case "PORT" -> active(FtpAddresses.parseHostPort(argument), "200 PORT command successful. Consider using PASV.",
                    "500 Illegal PORT command.", now);
            case "EPRT" -> active(FtpAddresses.parseExtended(argument), "200 EPRT command successful. Consider using EPSV.",
                    "500 Bad EPRT command.", now);
            case "LIST" -> transfer(listing(false), "150 Here comes the directory listing.", "226 Directory send OK.", now);
            case "NLST" -> transfer(listing(true), "150 Here comes the directory listing.", "226 Directory send OK.", now);
            case "RETR" -> retrieve(argument, now);
            case "SIZE" -> {
                Bytes file = files.get(name(argument));
                reply(file == null ? "550 Could not get file size." : "213 " + file.length(), now);
            }
            default -> reply("500 Unknown command.", now);
        }
    }

    private void type(String argument, long now) {
        switch (argument.toUpperCase(Locale.ROOT)) {
            case "I", "L 8" -> {
                binary = true;
                reply("200 Switching to Binary mode.", now);
            }
            case "A", "A N" -> {
                binary = false;
                reply("200 Switching to ASCII mode.", now);
            }
            default -> reply("500 Unrecognised TYPE command.", now);
        }
    }

    private void passive(boolean extended, long now) {
        closeData();
        passiveListener = table.listen(control.localAddress(), 0, "ftp-data", (connection, at) -> {
            passiveListener.close();
            if (acceptTimer != null) {
                acceptTimer.cancel();
            }
            passiveConnection = connection;
            return new TcpHandler() {
                @Override
                public void connected(TcpConnection c, long when) {
                    if (pending != null) {
                        send(c, when);
                    }
                }
            };
        });
        int port = passiveListener.port();
        reply(extended ? FtpAddresses.extendedPassiveReply(port) : FtpAddresses.passiveReply(control.localAddress(), port), now);
    }

    private void active(Optional<FtpAddresses.HostPort> target, String ok, String bad, long now) {
        if (target.isEmpty()) {
            reply(bad, now);
            return;
        }
        closeData();
        activeTarget = target.get();
        reply(ok, now);
    }

    private void retrieve(String argument, long now) {
        Bytes file = files.get(name(argument));
        if (file == null) {
            reply("550 Failed to open file.", now);
            return;
        }
        transfer(file, "150 Opening " + (binary ? "BINARY" : "ASCII") + " mode data connection for " + name(argument)
                + " (" + file.length() + " bytes).", "226 Transfer complete.", now);
    }

    private void transfer(Bytes data, String opening, String done, long now) {
        if (passiveListener == null && passiveConnection == null && activeTarget == null) {
            reply("425 Use PORT or PASV first.", now);
            return;
        }
        reply(opening, now);
        pending = new Transfer(data, done);
        if (activeTarget != null) {
            FtpAddresses.HostPort target = activeTarget;
            activeTarget = null;
            try {
                table.connect(control.localAddress(), DATA_PORT, target.address(), target.port(), "ftp-data",
                        new TcpHandler() {
                            @Override
                            public void connected(TcpConnection c, long at) {
                                send(c, at);
                            }

                            @Override
                            public void closed(TcpConnection c, long at) {
                                if (!c.wasEstablished()) {
                                    failed(at);
                                }
                            }
                        }, now);
            } catch (SocketException e) {
                failed(now);
            }
        } else if (passiveConnection != null && passiveConnection.state().canSend()) {
            send(passiveConnection, now);
        } else {
            acceptTimer = table.schedule(now + ACCEPT_TIMEOUT, this::failed);
        }
    }

    private void send(TcpConnection data, long now) {
        Transfer transfer = pending;
        if (transfer == null) {
            return;
        }
        pending = null;
        if (!transfer.data().isEmpty()) {
            data.send(transfer.data(), now);
        }
        data.close(now);
        passiveConnection = null;
        reply(transfer.done(), now);
    }

    private void failed(long now) {
        if (pending != null) {
            pending = null;
            closeData();
            reply("425 Failed to establish connection.", now);
        }
    }

    private Bytes listing(boolean namesOnly) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Bytes> file : files.entrySet()) {
            if (namesOnly) {
                text.append(file.getKey()).append("\r\n");
            } else {
                text.append(String.format("-rw-r--r--    1 0        0        %8d Jan 01  1970 %s\r\n",
                        file.getValue().length(), file.getKey()));
            }
        }
        return Bytes.ofLatin1(text.toString());
    }

    private static String name(String argument) {
        return argument.startsWith("/") ? argument.substring(1) : argument;
    }

    private void closeData() {
        if (passiveListener != null) {
            passiveListener.close();
            passiveListener = null;
        }
        if (acceptTimer != null) {
            acceptTimer.cancel();
        }
        activeTarget = null;
    }

    private void reply(String text, long now) {
        if (control.state().canSend()) {
            control.send(Bytes.ofLatin1(text + "\r\n"), now);
        }
    }
}
