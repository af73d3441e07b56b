package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.app.ConnectClient;
import io.nflab.packet.Bytes;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code net.ipv4.ip_default_ttl} and {@code net.ipv4.ip_local_port_range} set on the console reach the node:
 * new connections take their TTL and source port from them, and so do the packets the stack makes itself.
 */
class SocketSysctlsTest {
    @TempDir
    Path dir;
    TestLab lab;

    @BeforeEach
    void load() throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, RandomCase.TOPOLOGY);
        lab = TestLab.load(file);
    }

    private List<Ipv4Packet> receivedAt(String node, String iface) {
        return lab.receivedAt(node, iface).stream().filter(r -> r.frame().payload() instanceof Ipv4Packet)
                .map(r -> (Ipv4Packet) r.frame().payload()).toList();
    }

    @Test
    void aNewConnectionUsesTheTtlAndPortRangeSetOnTheConsole() {
        assertEquals("net.ipv4.ip_default_ttl = 99\n", lab.run("client", "sysctl", "-w", "net.ipv4.ip_default_ttl=99"));
        assertEquals("net.ipv4.ip_local_port_range = 40000 40001\n",
                lab.run("client", "sysctl", "-w", "net.ipv4.ip_local_port_range=40000 40001"));
        assertEquals("40000\t40001\n", lab.run("client", "sysctl", "-n", "net.ipv4.ip_local_port_range"));
        ConnectClient.start(lab.node("client").sockets(), Ipv4Address.parse("10.2.0.2"), "10.2.0.2", 80, Bytes.EMPTY,
                ConnectClient.DEFAULT_IDLE, lab.now);
        lab.flush("client");
        Ipv4Packet syn = receivedAt("gw", "eth0").get(0);
        assertEquals(99, syn.ttl());
        int port = ((TcpSegment) syn.transport()).sourcePort();
        assertTrue(port == 40000 || port == 40001, "source port " + port);
    }

    @Test
    void theStacksOwnAnswersUseTheTtl() {
        lab.run("gw", "sysctl", "-w", "net.ipv4.ip_default_ttl=77");
        lab.send("client", PacketText.parse("icmp 10.1.0.2 > 10.1.0.1 echo-request id 1 seq 1"));
        lab.send("client", PacketText.parse("tcp 10.1.0.2:5555 > 10.1.0.1:81 flags S"));
        lab.send("client", PacketText.parse("udp 10.1.0.2:5555 > 10.1.0.1:81"));
        List<Ipv4Packet> back = receivedAt("client", "eth0");
        assertEquals(3, back.size(), back.toString());
        back.forEach(p -> assertEquals(77, p.ttl(), p.toString()));
    }

    @Test
    void badValuesAreRefusedAsTheKernelRefusesThem() {
        for (String bad : List.of("net.ipv4.ip_default_ttl=0", "net.ipv4.ip_default_ttl=256",
                "net.ipv4.ip_local_port_range=5000 4000", "net.ipv4.ip_local_port_range=0 4000",
                "net.ipv4.ip_local_port_range=100 200 300", "net.ipv4.ip_default_ttl=abc")) {
            ConsoleResult r = lab.node("client").command(List.of("sysctl", "-w", bad), "", lab.now);
            assertEquals(1, r.exitCode(), bad);
            String key = bad.substring(0, bad.indexOf('='));
            assertEquals("sysctl: setting key \"" + key + "\": Invalid argument\n", r.stderr());
        }
        assertEquals("64\n", lab.run("client", "sysctl", "-n", "net.ipv4.ip_default_ttl"));
    }

    @Test
    void oneValueChangesTheLowEndOfThePortRangeOnly() {
        assertEquals("net.ipv4.ip_local_port_range = 5000\n",
                lab.run("client", "sysctl", "-w", "net.ipv4.ip_local_port_range=5000"));
        assertEquals("net.ipv4.ip_local_port_range = 5000\t60999\n",
                lab.run("client", "sysctl", "net.ipv4.ip_local_port_range"));
    }
}
