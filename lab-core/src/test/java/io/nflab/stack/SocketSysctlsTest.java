package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.lab.Activity;
import io.nflab.lab.LabTesting;
import io.nflab.lab.LocalLab;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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
    LocalLab lab;

    @BeforeEach
    void load() throws IOException {
        lab = LocalLab.start(RandomCase.topology(dir));
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private String run(String node, String... argv) {
        return LabTesting.run(lab, node, "", argv);
    }

    @Test
    void aNewConnectionUsesTheTtlAndPortRangeSetOnTheConsole() {
        assertEquals("net.ipv4.ip_default_ttl = 99\n", run("client", "sysctl", "-w", "net.ipv4.ip_default_ttl=99"));
        assertEquals("net.ipv4.ip_local_port_range = 40000 40001\n",
                run("client", "sysctl", "-w", "net.ipv4.ip_local_port_range=40000 40001"));
        assertEquals("40000\t40001\n", run("client", "sysctl", "-n", "net.ipv4.ip_local_port_range"));
        Activity connect = lab.command("client", List.of("connect", "10.2.0.2", "80"), "");
        Ipv4Packet syn = LabTesting.arrivedAt(connect, "gw", "eth0").get(0);
        assertEquals(99, syn.ttl());
        int port = ((TcpSegment) syn.transport()).sourcePort();
        assertTrue(port == 40000 || port == 40001, "source port " + port);
    }

    @Test
    void theStacksOwnAnswersUseTheTtl() {
        run("gw", "sysctl", "-w", "net.ipv4.ip_default_ttl=77");
        List<Ipv4Packet> back = new ArrayList<>();
        for (String packet : List.of("icmp 10.1.0.2 > 10.1.0.1 echo-request id 1 seq 1",
                "tcp 10.1.0.2:5555 > 10.1.0.1:81 flags S", "udp 10.1.0.2:5555 > 10.1.0.1:81")) {
            back.addAll(LabTesting.arrivedAt(lab.send("client", PacketText.parse(packet)), "client", "eth0"));
        }
        assertEquals(3, back.size(), back.toString());
        back.forEach(p -> assertEquals(77, p.ttl(), p.toString()));
    }

    @Test
    void badValuesAreRefusedAsTheKernelRefusesThem() {
        for (String bad : List.of("net.ipv4.ip_default_ttl=0", "net.ipv4.ip_default_ttl=256",
                "net.ipv4.ip_local_port_range=5000 4000", "net.ipv4.ip_local_port_range=0 4000",
                "net.ipv4.ip_local_port_range=100 200 300", "net.ipv4.ip_default_ttl=abc")) {
            Activity r = lab.command("client", List.of("sysctl", "-w", bad), "");
            assertEquals(1, r.exitCode(), bad);
            String key = bad.substring(0, bad.indexOf('='));
            assertEquals("sysctl: setting key \"" + key + "\": Invalid argument\n", r.stderr());
        }
        assertEquals("64\n", run("client", "sysctl", "-n", "net.ipv4.ip_default_ttl"));
    }

    @Test
    void oneValueChangesTheLowEndOfThePortRangeOnly() {
        assertEquals("net.ipv4.ip_local_port_range = 5000\n",
                run("client", "sysctl", "-w", "net.ipv4.ip_local_port_range=5000"));
        assertEquals("net.ipv4.ip_local_port_range = 5000\t60999\n",
                run("client", "sysctl", "net.ipv4.ip_local_port_range"));
    }
}
