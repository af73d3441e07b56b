package io.nflab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.InterfaceAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Needs root and network namespaces; skipped elsewhere. Traffic stays inside the namespaces it creates. */
class NetnsTest {

    @BeforeEach
    void needsNamespaces() {
        NetnsAvailability.assumeAvailable();
    }

    @Test
    void aNewNamespaceHasOnlyLoopbackAndIsGoneAfterClose() {
        String name;
        try (Netns netns = Netns.create("test")) {
            name = netns.name();
            assertTrue(name.matches("nflab-test-\\d+-\\d+"), name);
            assertTrue(namespaces().contains(name));
            ProcessResult links = netns.execChecked("ip", "-o", "link", "show");
            assertEquals(1, links.stdout().lines().count(), links.stdout());
            assertTrue(links.stdout().contains(": lo: "), links.stdout());
        }
        assertFalse(namespaces().contains(name));
    }

    @Test
    void execPassesStdinAndReturnsWhatTheProgramPrinted() {
        try (Netns netns = Netns.create("test")) {
            assertEquals(new ProcessResult(0, "a\nb\n", ""), netns.exec(List.of("cat"), "a\nb\n", Duration.ofSeconds(5)));
            ProcessResult failed = netns.exec(List.of("sh", "-c", "echo no >&2; exit 7"));
            assertEquals(new ProcessResult(7, "", "no\n"), failed);
            assertThrows(KernelCommandException.class, () -> netns.exec(List.of("sleep", "5"), "", Duration.ofMillis(200)));
        }
    }

    @Test
    void theEtcOverlayReplacesFilesOnlyInsideAndIsRemovedOnClose() throws Exception {
        Path etc;
        try (Netns netns = Netns.create("test", new EtcOverlay(Map.of("hosts", "127.0.0.1\tonly-here\n")))) {
            etc = Path.of("/etc/netns", netns.name());
            assertEquals("127.0.0.1\tonly-here\n", netns.execChecked("cat", "/etc/hosts").stdout());
            assertFalse(Files.readString(Path.of("/etc/hosts")).contains("only-here"));
        }
        assertFalse(Files.exists(etc));
    }

    @Test
    void closeIsIdempotentAndAClosedNamespaceRefusesWork() {
        Netns netns = Netns.create("test");
        netns.close();
        netns.close();
        assertThrows(IllegalStateException.class, () -> netns.exec(List.of("true")));
        assertThrows(IllegalArgumentException.class, () -> Netns.create("Not Valid"));
    }

    @Test
    void vethPairsBridgesAddressesAndRoutesConnectNamespaces() {
        NetnsAvailability.assumeInstalled("hping3");
        try (Netns client = Netns.create("client");
                Netns gateway = Netns.create("gw");
                Netns lan = Netns.create("lan");
                Netns server = Netns.create("server")) {
            // client --veth-- gateway --veth-- [bridge in lan] --veth-- server
            client.addVeth("eth0", gateway, "eth0");
            gateway.addVeth("eth1", lan, "port1");
            server.addVeth("eth0", lan, "port2");
            lan.addBridge("br0");
            lan.attachToBridge("port1", "br0");
            lan.attachToBridge("port2", "br0");
            client.addAddress("eth0", InterfaceAddress.parse("203.0.113.10/24"));
            gateway.addAddress("eth0", InterfaceAddress.parse("203.0.113.1/24"));
            gateway.addAddress("eth1", InterfaceAddress.parse("192.168.1.1/24"));
            server.addAddress("eth0", InterfaceAddress.parse("192.168.1.2/24"));
            client.addRoute("default via 203.0.113.1");
            server.addRoute("default via 192.168.1.1");
            gateway.setSysctl("net.ipv4.ip_forward", "1");

            assertEquals("1", gateway.execChecked("cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip());
            assertTrue(client.execChecked("ip", "route").stdout().contains("default via 203.0.113.1 dev eth0"));
            assertEquals(0, ping(client, "192.168.1.2").exitCode(), "client reaches the server through the gateway");
            assertEquals(0, ping(server, "203.0.113.10").exitCode(), "and the server reaches the client");
        }
    }

    @Test
    void setupErrorsNameTheCommand() {
        try (Netns netns = Netns.create("test")) {
            KernelCommandException e = assertThrows(KernelCommandException.class,
                    () -> netns.addAddress("nosuch0", InterfaceAddress.parse("192.0.2.1/24")));
            assertTrue(e.getMessage().startsWith("'ip -n " + netns.name() + " address add 192.0.2.1/24 dev nosuch0'"
                    + " exited with"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> netns.linkUp("a-name-longer-than-15"));
        }
    }

    private static ProcessResult ping(Netns from, String address) {
        return from.exec(List.of("hping3", "--icmp", "--count", "3", "--interval", "u200000", address), "",
                Duration.ofSeconds(10));
    }

    private static List<String> namespaces() {
        return ProcessRunner.runChecked(List.of("ip", "netns", "list"), Duration.ofSeconds(5)).stdout().lines()
                .map(line -> line.split(" ")[0]).toList();
    }
}
