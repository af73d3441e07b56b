package io.nflab.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.kernel.Netns;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.packet.Bytes;
import io.nflab.packet.ChecksumPolicy;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpOption;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.WireFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * nflab's TCP client against a real Linux server: two throwaway namespaces joined by a veth pair; in
 * the client namespace a bridge (packet_bridge.py) sends the socket table's packets through a raw socket
 * and hands back what arrives (the kernel there drops TCP in INPUT, so it does not answer for us); in the
 * server namespace a Python server answers a request and closes. The lab clock follows real time here.
 * Skipped without root, namespaces, iptables or /usr/bin/python3.
 */
class LiveLinuxTcpTest {
    private static final Ipv4Address CLIENT = Ipv4Address.parse("10.99.0.1");
    private static final Ipv4Address SERVER = Ipv4Address.parse("10.99.0.2");
    private static final String SERVER_PROGRAM = String.join("\n",
            "import socket",
            "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "s.bind(('10.99.0.2', 8080)); s.listen(); print('listening', flush=True)",
            "c, _ = s.accept(); data = c.recv(1000)",
            "c.sendall(b'HTTP/1.1 200 OK\\r\\nContent-Length: 3\\r\\nConnection: close\\r\\n\\r\\nok\\n'); c.close()",
            "print(data.decode(), flush=True)");

    private Netns client;
    private Netns server;
    private Process bridge;
    private Process serverProcess;
    private final LinkedBlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
    private final List<Ipv4Packet> received = new ArrayList<>();

    @BeforeEach
    void lab() throws IOException {
        NetnsAvailability.assumeAvailable();
        NetnsAvailability.assumeInstalled("iptables");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")),
                "/usr/bin/python3 is not installed");
        client = Netns.create("h9-client");
        server = Netns.create("h9-server");
        client.linkUp("lo");
        server.linkUp("lo");
        client.addVeth("veth0", server, "veth1");
        client.addAddress("veth0", InterfaceAddress.parse("10.99.0.1/24"));
        server.addAddress("veth1", InterfaceAddress.parse("10.99.0.2/24"));
        client.execChecked("iptables", "-A", "INPUT", "-p", "tcp", "-j", "DROP");
        Path script = Files.createTempFile("packet_bridge", ".py");
        try (InputStream in = getClass().getResourceAsStream("/io/nflab/socket/packet_bridge.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        bridge = new ProcessBuilder("ip", "netns", "exec", client.name(), "/usr/bin/python3", script.toString(), "veth0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.US_ASCII));
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    arrivals.add(line);
                }
            } catch (IOException e) {
                // the bridge ended
            }
        }, "packet-bridge-reader");
        reader.setDaemon(true);
        reader.start();
        waitFor("ready");
    }

    @AfterEach
    void cleanUp() {
        if (bridge != null) {
            bridge.destroyForcibly();
        }
        if (serverProcess != null) {
            serverProcess.destroyForcibly();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startServer() throws IOException {
        serverProcess = new ProcessBuilder("ip", "netns", "exec", server.name(), "/usr/bin/python3", "-c", SERVER_PROGRAM)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serverProcess.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("listening", out.readLine());
    }

    private void waitFor(String expected) {
        try {
            String line = arrivals.poll(10, TimeUnit.SECONDS);
            assertEquals(expected, line, "the packet bridge did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs the table against the real network until {@code done} or 10 s pass; the lab clock is real time. */
    private void run(SocketTable table, java.util.function.BooleanSupplier done) throws Exception {
        long start = System.nanoTime();
        OutputStream toBridge = bridge.getOutputStream();
        while (!done.getAsBoolean() && System.nanoTime() - start < 10_000_000_000L) {
            long now = System.nanoTime() - start;
            Transmission transmission = table.poll(now);
            for (Ipv4Packet packet : transmission.packets()) {
                toBridge.write((HexFormat.of().formatHex(WireFormat.encode(packet)) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            toBridge.flush();
            long waitNanos = Math.min(transmission.nextDeadline() - now, 50_000_000L);
            String line = arrivals.poll(Math.max(1, waitNanos / 1000), TimeUnit.MICROSECONDS);
            if (line != null) {
                Ipv4Packet packet = WireFormat.decodeIpv4(HexFormat.of().parseHex(line), ChecksumPolicy.IGNORE);
                if (packet.destination().equals(CLIENT) && packet.transport() instanceof TcpSegment) {
                    received.add(packet);
                    table.deliver(packet, System.nanoTime() - start);
                }
            }
        }
    }

    @Test
    void aLinuxServerAcceptsOurHandshakeDataAndClose() throws Exception {
        startServer();
        SocketTable table = new SocketTable(SocketSettings.LINUX.withSeed(42), destination -> Route.via(CLIENT));
        StringBuilder response = new StringBuilder();
        boolean[] finished = {false};
        TcpConnection connection = table.connect(SERVER, 8080, "connect", new TcpHandler() {
            @Override
            public void connected(TcpConnection c, long now) {
                c.send(Bytes.ofLatin1("GET / HTTP/1.1\r\nHost: server\r\n\r\n"), now);
            }

            @Override
            public void received(TcpConnection c, Bytes data, long now) {
                response.append(new String(data.toArray(), StandardCharsets.ISO_8859_1));
            }

            @Override
            public void peerClosed(TcpConnection c, long now) {
                c.close(now);
            }

            @Override
            public void closed(TcpConnection c, long now) {
                finished[0] = true;
            }
        }, 0);
        run(table, () -> finished[0] && !received.isEmpty()
                && ((TcpSegment) received.get(received.size() - 1).transport()).flags().equals(io.nflab.packet.TcpFlags.ACK));

        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n", response.toString());
        assertEquals(Outcome.ESTABLISHED, connection.outcome());
        assertFalse(received.stream().anyMatch(p -> ((TcpSegment) p.transport()).flags().has(TcpFlag.RST)),
                "Linux never reset our connection: " + received);
        TcpSegment synAck = (TcpSegment) received.get(0).transport();
        assertEquals("SA", synAck.flags().toString());
        assertTrue(synAck.options().list().stream().anyMatch(o -> o instanceof TcpOption.Timestamps ts && ts.echoReply() != 0),
                "Linux accepted our timestamps and echoes them: " + synAck.options());
        assertTrue(synAck.options().list().stream().anyMatch(o -> o instanceof TcpOption.WindowScale),
                "Linux accepted our window scaling: " + synAck.options());
        assertTrue(connection.state() == TcpState.CLOSED || connection.state() == TcpState.TIME_WAIT);
        assertEquals("A", ((TcpSegment) received.get(received.size() - 1).transport()).flags().toString(),
                "Linux acknowledged our FIN");
    }

    @Test
    void aClosedLinuxPortRefuses() throws Exception {
        SocketTable table = new SocketTable(SocketSettings.LINUX.withSeed(43), destination -> Route.via(CLIENT));
        TcpConnection connection = table.connect(SERVER, 9999, "connect", new TcpHandler() { }, 0);
        run(table, () -> connection.state() == TcpState.CLOSED);
        assertEquals(Outcome.REFUSED, connection.outcome());
        assertEquals("RA", ((TcpSegment) received.get(0).transport()).flags().toString());
    }
}
