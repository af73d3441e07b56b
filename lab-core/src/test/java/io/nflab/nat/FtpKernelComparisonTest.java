package io.nflab.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.kernel.KernelLab;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.ProcessResult;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatRange;
import io.nflab.packet.TcpSegment;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FTP helper against Linux: a client behind a masquerading gateway whose raw table attaches the ftp
 * helper ({@code -j CT --helper ftp}, the only way on 6.x) talks to a tiny FTP-like server over real
 * sockets; the expectation {@code conntrack -L expect} shows on the gateway and the PORT line the server
 * receives must be what this layer computes. Needs root, namespaces and the kernel's FTP helper (built in
 * or loadable); skipped with the reason elsewhere.
 */
class FtpKernelComparisonTest {
    private static final String SCRIPT = """
            import socket, sys, time
            role, line = sys.argv[1], sys.argv[2].encode().decode('unicode_escape').encode('latin-1')
            if role == 'server':
                s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(('203.0.113.5', 21)); s.listen(1)
                c, _ = s.accept()
                c.sendall(b'220 ready\\r\\n')
                c.recv(100)
                c.sendall(b'230 ok\\r\\n')
                got = c.recv(200)
                print(repr(got.decode('latin-1')))
                if line:
                    c.sendall(line)
                time.sleep(2)
            else:
                time.sleep(0.3)
                c = socket.create_connection(('203.0.113.5', 21), timeout=5)
                c.recv(100)
                c.sendall(b'USER anonymous\\r\\n')
                c.recv(100)
                c.sendall(line)
                time.sleep(2)
            """;
    private static final Pattern EXPECT = Pattern.compile("^\\d+ (proto=6 .*)$", Pattern.MULTILINE);
    private static final Pattern CLIENT_PORT = Pattern.compile("master-dst=203\\.0\\.113\\.5 sport=(\\d+) dport=21");

    @TempDir
    Path dir;

    private KernelLab start() throws IOException {
        NetnsAvailability.assumeKernelLab();
        Files.writeString(dir.resolve("ftp.py"), SCRIPT);
        Files.writeString(dir.resolve("gw.rules"), """
                *raw
                :PREROUTING ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A PREROUTING -p tcp -m tcp --dport 21 -j CT --helper ftp
                COMMIT
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                -A POSTROUTING -o eth0 -j MASQUERADE
                COMMIT
                """);
        Files.writeString(dir.resolve("topology.yaml"), """
                name: ftp-compare
                segments: { lan: {}, wan: {} }
                nodes:
                  client:
                    kind: host
                    interfaces: { eth0: { segment: lan, address: 10.0.0.2/24 } }
                    routes: [ "default via 10.0.0.1" ]
                  gw:
                    kind: gateway
                    interfaces:
                      eth0: { segment: wan, address: 203.0.113.1/24 }
                      eth1: { segment: lan, address: 10.0.0.1/24 }
                    firewall: gw.rules
                  server:
                    kind: host
                    interfaces: { eth0: { segment: wan, address: 203.0.113.5/24 } }
                    routes: [ "default via 203.0.113.1" ]
                """);
        KernelLab lab = KernelLab.start(TopologyLoader.load(dir.resolve("topology.yaml")));
        ProcessResult helper = lab.exec("gw", List.of("sh", "-c", "test -d /sys/module/nf_conntrack_ftp"));
        if (helper.exitCode() != 0) {
            lab.close();
            org.junit.jupiter.api.Assumptions.abort("the kernel has no nf_conntrack_ftp module loaded or built in");
        }
        return lab;
    }

    /** Runs server and client; answers what the server printed (the client's line as it arrived) and the gateway's expectations. */
    private static String[] exchange(KernelLab lab, Path script, String clientLine, String serverLine) {
        String client = lab.namespace("client");
        String command = "python3 " + script + " server '" + serverLine + "' & "
                + "ip netns exec " + client + " python3 " + script + " client '" + clientLine + "' & "
                + "sleep 1.3; ip netns exec " + lab.namespace("gw") + " conntrack -L expect 2>/dev/null; "
                + "echo ====; wait";
        ProcessResult result = lab.exec("server", List.of("sh", "-c", command));
        String[] parts = result.stdout().split("====\n", 2);
        return new String[] {parts.length > 1 ? parts[1].strip() : "", parts[0]};
    }

    @Test
    void activeModeThroughMasquerade() throws IOException {
        try (KernelLab lab = start()) {
            String[] kernel = exchange(lab, dir.resolve("ftp.py"), "PORT 10,0,0,2,156,65\\r\\n", "");

            assertEquals("'PORT 203,0,113,1,156,65\\r\\n'", kernel[0], "the line as the server got it");
            Matcher port = CLIENT_PORT.matcher(kernel[1]);
            assertTrue(port.find(), kernel[1]);
            int clientPort = Integer.parseInt(port.group(1));

            TestGateway model = model();
            String modelExpect = modelActive(model, clientPort);
            assertEquals(expectation(modelExpect), expectation(kernel[1]));
        }
    }

    @Test
    void passiveModeThroughMasquerade() throws IOException {
        try (KernelLab lab = start()) {
            String[] kernel = exchange(lab, dir.resolve("ftp.py"), "PASV\\r\\n",
                    "227 Entering Passive Mode (203,0,113,5,195,80).\\r\\n");
            Matcher port = CLIENT_PORT.matcher(kernel[1]);
            assertTrue(port.find(), kernel[1]);
            int clientPort = Integer.parseInt(port.group(1));

            TestGateway model = model();
            login(model, clientPort);
            out(model, clientPort, "PA seq 1017 ack 5020 data \"PASV\\r\\n\"");
            in(model, clientPort, "PA seq 5020 ack 1023 data \"227 Entering Passive Mode (203,0,113,5,195,80).\\r\\n\"");
            assertEquals(expectation(model.conntrack("-L", "expect")), expectation(kernel[1]));
        }
    }

    private static TestGateway model() {
        TestGateway model = new TestGateway().address("eth0", "203.0.113.1/24").address("eth1", "10.0.0.1/24")
                .rule(Hook.POSTROUTING, p -> NatVerdict.bind(new MasqueradeTarget(NatRange.NONE, false, false)));
        model.ftpHelperRule = true;
        return model;
    }

    private static String modelActive(TestGateway model, int clientPort) {
        login(model, clientPort);
        var sent = out(model, clientPort, "PA seq 1017 ack 5020 data \"PORT 10,0,0,2,156,65\\r\\n\"");
        String payload = new String(((TcpSegment) sent.packet().transport()).payload().bytes().toArray(),
                StandardCharsets.ISO_8859_1);
        assertEquals("PORT 203,0,113,1,156,65\r\n", payload);
        return model.conntrack("-L", "expect");
    }

    private static void login(TestGateway model, int clientPort) {
        out(model, clientPort, "S seq 1000");
        in(model, clientPort, "SA seq 5000 ack 1001");
        out(model, clientPort, "A seq 1001 ack 5001");
        in(model, clientPort, "PA seq 5001 ack 1001 data \"220 ready\\r\\n\"");
        out(model, clientPort, "PA seq 1001 ack 5012 data \"USER anonymous\\r\\n\"");
        in(model, clientPort, "PA seq 5012 ack 1017 data \"230 ok\\r\\n\"");
    }

    private static TestGateway.Passage out(TestGateway model, int port, String rest) {
        return model.forward("tcp 10.0.0.2:" + port + " > 203.0.113.5:21 flags " + rest, "eth1", "eth0",
                "203.0.113.5");
    }

    private static TestGateway.Passage in(TestGateway model, int port, String rest) {
        return model.forward("tcp 203.0.113.5:21 > 203.0.113.1:" + port + " flags " + rest, "eth0", "eth1",
                "10.0.0.2");
    }

    /** The expectation lines without their remaining seconds (the kernel's clock runs meanwhile). */
    private static List<String> expectation(String listing) {
        return EXPECT.matcher(listing).results().map(m -> m.group(1)).toList();
    }
}
