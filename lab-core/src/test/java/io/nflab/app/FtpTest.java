package io.nflab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpSegment;
import io.nflab.socket.LabWire;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpConnection;
import io.nflab.socket.TcpHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * FTP end to end between two socket tables: passive (PASV, EPSV) and active (PORT, EPRT) transfers, the
 * exact command and reply payloads conntrack's FTP helper parses, and the data connections' ports.
 */
class FtpTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final Ipv4Address SERVER = Ipv4Address.parse("10.0.1.2");

    private final LabWire wire = new LabWire(MS);
    private final SocketTable client = wire.host("10.0.0.1", 1);
    private final SocketTable server = wire.host("10.0.1.2", 2);
    private final ServiceContext context = ServiceContext.of("web");

    FtpTest() {
        FtpService.listen(server, Ipv4Address.ANY, 21, "web", context.files());
    }

    private static List<String> payloads(List<Ipv4Packet> packets, int port) {
        List<String> texts = new ArrayList<>();
        for (Ipv4Packet packet : packets) {
            if (packet.transport() instanceof TcpSegment tcp && tcp.payload().length() > 0
                    && (tcp.sourcePort() == port || tcp.destinationPort() == port)) {
                texts.add(new String(tcp.payload().bytes().toArray(), StandardCharsets.ISO_8859_1));
            }
        }
        return texts;
    }

    private static List<TcpSegment> synsTo(List<Ipv4Packet> packets) {
        return packets.stream().filter(p -> p.transport() instanceof TcpSegment t && t.flags().has(TcpFlag.SYN)
                && !t.flags().has(TcpFlag.ACK)).map(p -> (TcpSegment) p.transport()).toList();
    }

    @Test
    void passiveRetrieve() {
        FtpClient ftp = FtpClient.start(client, SERVER, 21, FtpClient.Mode.PASV, "RETR data.bin", 0);
        wire.runFor(5 * S);
        assertTrue(ftp.isFinished());
        assertEquals(0, ftp.output().exitCode(), ftp.output().stdout());
        assertTrue(ftp.transferred());
        assertEquals(context.files().get("data.bin"), ftp.data());

        List<String> control = payloads(wire.packets(), 21);
        assertEquals("220 nflab FTP server on web ready.\r\n", control.get(0));
        String pasv = control.stream().filter(t -> t.startsWith("227 ")).findFirst().orElseThrow();
        assertTrue(pasv.matches("227 Entering Passive Mode \\(10,0,1,2,\\d+,\\d+\\)\\.\r\n"), pasv);
        int port = FtpAddresses.parsePassiveReply(pasv).orElseThrow().port();
        List<TcpSegment> syns = synsTo(wire.packets());
        assertEquals(2, syns.size());
        assertEquals(port, syns.get(1).destinationPort(), "the client opens the data connection to the announced port");
        assertEquals(List.of("220 nflab FTP server on web ready.\r\n", "USER anonymous\r\n",
                "331 Please specify the password.\r\n", "PASS nflab@\r\n", "230 Login successful.\r\n", "TYPE I\r\n",
                "200 Switching to Binary mode.\r\n", "PASV\r\n", pasv, "RETR data.bin\r\n",
                "150 Opening BINARY mode data connection for data.bin (4096 bytes).\r\n", "226 Transfer complete.\r\n",
                "QUIT\r\n", "221 Goodbye.\r\n"), control);
    }

    @Test
    void activeList() {
        FtpClient ftp = FtpClient.start(client, SERVER, 21, FtpClient.Mode.PORT, "LIST", 0);
        wire.runFor(5 * S);
        assertEquals(0, ftp.output().exitCode(), ftp.output().stdout());
        assertEquals("-rw-r--r--    1 0        0              31 Jan 01  1970 readme.txt\r\n"
                + "-rw-r--r--    1 0        0            4096 Jan 01  1970 data.bin\r\n",
                new String(ftp.data().toArray(), StandardCharsets.ISO_8859_1));
        String port = payloads(wire.packets(), 21).stream().filter(t -> t.startsWith("PORT ")).findFirst().orElseThrow();
        assertTrue(port.matches("PORT 10,0,0,1,\\d+,\\d+\r\n"), port);
        int dataPort = FtpAddresses.parseHostPort(port.substring(5).trim()).orElseThrow().port();
        TcpSegment dataSyn = synsTo(wire.packets()).get(1);
        assertEquals(20, dataSyn.sourcePort(), "active data connections come from port 20");
        assertEquals(dataPort, dataSyn.destinationPort());
        assertTrue(payloads(wire.packets(), 21).contains("200 PORT command successful. Consider using PASV.\r\n"));
        assertTrue(payloads(wire.packets(), 21).contains("226 Directory send OK.\r\n"));
    }

    @Test
    void extendedPassiveAndActive() {
        FtpClient epsv = FtpClient.start(client, SERVER, 21, FtpClient.Mode.EPSV, "RETR readme.txt", 0);
        wire.runFor(5 * S);
        assertEquals("This is the FTP server of web.\n", new String(epsv.data().toArray(), StandardCharsets.ISO_8859_1));
        assertTrue(payloads(wire.packets(), 21).stream().anyMatch(t -> t.matches(
                "229 Entering Extended Passive Mode \\(\\|\\|\\|\\d+\\|\\)\r\n")));

        FtpClient eprt = FtpClient.start(client, SERVER, 21, FtpClient.Mode.EPRT, "RETR readme.txt", wire.now());
        wire.runFor(5 * S);
        assertEquals(0, eprt.output().exitCode(), eprt.output().stdout());
        assertTrue(payloads(wire.packets(), 21).stream().anyMatch(t -> t.matches("EPRT \\|1\\|10\\.0\\.0\\.1\\|\\d+\\|\r\n")));
        assertTrue(payloads(wire.packets(), 21).contains("200 EPRT command successful. Consider using EPSV.\r\n"));
    }

    @Test
    void aMissingFileAndCommandsBeforeLogin() {
        FtpClient ftp = FtpClient.start(client, SERVER, 21, FtpClient.Mode.PASV, "RETR nothing.txt", 0);
        wire.runFor(5 * S);
        assertEquals(1, ftp.output().exitCode());
        assertTrue(ftp.replies().contains("550 Failed to open file."), ftp.replies().toString());
        assertTrue(ftp.replies().contains("221 Goodbye."));

        assertEquals(List.of("220 nflab FTP server on web ready.", "530 Please login with USER and PASS.",
                "500 Unknown command.", "425 Use PORT or PASV first.", "257 \"/\" is the current directory",
                "500 Illegal PORT command.", "211-Features:", " EPRT", " EPSV", " PASV", " SIZE", "211 End", "213 31"),
                dialogue("PWD", "USER x", "PASS y", "HELP", "LIST", "pwd", "PORT 1,2,3", "FEAT", "SIZE readme.txt"));
    }

    /** Sends raw commands on one control connection; returns the reply lines (not those to USER and PASS). */
    private List<String> dialogue(String... commands) {
        List<String> lines = new ArrayList<>();
        LineBuffer buffer = new LineBuffer();
        client.connect(SERVER, 21, "raw", new TcpHandler() {
            @Override
            public void connected(TcpConnection c, long now) {
                c.send(Bytes.ofLatin1(String.join("\r\n", commands) + "\r\n"), now);
            }

            @Override
            public void received(TcpConnection c, Bytes data, long now) {
                lines.addAll(buffer.add(data));
            }
        }, wire.now());
        wire.runFor(S);
        return lines.stream().filter(l -> !l.startsWith("331") && !l.startsWith("230")).collect(Collectors.toList());
    }

    @Test
    void anActiveTransferToAClosedPortFails() {
        List<String> lines = dialogue("USER a", "PASS b", "PORT 10,0,0,1,4,1", "LIST");
        assertEquals(List.of("220 nflab FTP server on web ready.", "200 PORT command successful. Consider using PASV.",
                "150 Here comes the directory listing.", "425 Failed to establish connection."), lines);
        assertFalse(server.connections().isEmpty());
    }
}
