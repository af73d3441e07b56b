package io.nflab.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.MacAddress;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.diagnostics.UserInputException;
import io.nflab.routing.RouteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyLoaderTest {
    private static final Path PORT_FORWARD = Path.of("../topologies/port-forward/topology.yaml");

    @Test
    void loadsThePortForwardLab() throws IOException {
        Topology topology = TopologyLoader.load(PORT_FORWARD);
        assertEquals("port-forward", topology.name());
        assertEquals(List.of("internet", "lan"), topology.segments().stream().map(SegmentSpec::name).toList());
        assertEquals(List.of("client", "gw", "web"), topology.nodes().stream().map(NodeSpec::name).toList());

        NodeSpec gw = topology.node("gw").orElseThrow();
        assertEquals(NodeKind.GATEWAY, gw.kind());
        assertEquals(List.of(InterfaceSpec.of("eth0", "internet", InterfaceAddress.parse("203.0.113.1/24")),
                InterfaceSpec.of("eth1", "lan", InterfaceAddress.parse("192.168.1.1/24"))), gw.interfaces());
        assertEquals(Map.of("net.ipv4.ip_forward", "1"), gw.effectiveSysctls());
        Ruleset rules = gw.ruleset().orElseThrow();
        assertEquals(Files.readString(PORT_FORWARD.resolveSibling("gw.rules")), rules.text());
        assertEquals("gw.rules", rules.origin());
        assertEquals(SourceLocation.startOf(PORT_FORWARD.resolveSibling("gw.rules").toString()), rules.start());

        NodeSpec web = topology.node("web").orElseThrow();
        assertEquals(List.of(RouteSpec.parse("default via 192.168.1.1")), web.routes());
        assertEquals(List.of(new ServiceSpec(TransportProtocol.TCP, 8080, Application.HTTP)), web.services());
        assertEquals(Map.of(), web.effectiveSysctls());
        assertEquals(List.of("client:eth0", "gw:eth0"),
                topology.attachments("internet").stream().map(Attachment::toString).toList());
    }

    @Test
    void inlineRulesKnowTheLineTheyStartOn() {
        Topology topology = TopologyLoader.load(Path.of("src/test/resources/broken/lab/topology.yaml"));
        Ruleset rules = topology.node("gw").orElseThrow().ruleset().orElseThrow();
        assertEquals("inline", rules.origin());
        assertEquals(18, rules.start().line());
        assertTrue(rules.text().startsWith("*filter\n:INPUT ACCEPT [0:0]\n"), rules.text());
    }

    @Test
    void optionalPartsAndDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, """
                name: details
                segments:
                  lan:                       # nothing: an empty mapping
                  wan: { placement: edge }
                nodes:
                  r:
                    kind: gateway
                    placement: core
                    interfaces:
                      eth0: { segment: lan, address: 10.0.0.1/24, mac: "02:00:00:AA:bb:01", up: no }
                      eth1: { segment: wan, address: 198.51.100.1/30 }
                    routes:
                      - 10.1.0.0/16 via 10.0.0.2 dev eth0 metric 100
                      - unreachable 10.9.0.0/16
                    sysctls:
                      net.ipv4.ip_forward: 0
                      net.ipv4.ip_local_port_range: "1024   2048"
                      net.ipv4.conf.all.rp_filter: 2
                    services:
                      - { app: dns }
                      - { app: dns, proto: tcp }
                      - { app: echo, port: 0x1f }
                """);
        Topology topology = TopologyLoader.load(file);
        assertEquals(Optional.of(new Placement("edge")), topology.segment("wan").orElseThrow().placement());
        NodeSpec r = topology.node("r").orElseThrow();
        assertEquals(Optional.of(new Placement("core")), r.placement());
        InterfaceSpec eth0 = r.interfaceNamed("eth0").orElseThrow();
        assertEquals(Optional.of(MacAddress.parse("02:00:00:aa:bb:01")), eth0.mac());
        assertEquals(false, eth0.up());
        assertEquals(true, r.interfaceNamed("eth1").orElseThrow().up());
        assertEquals(List.of("10.1.0.0/16 via 10.0.0.2 dev eth0 metric 100", "unreachable 10.9.0.0/16"),
                r.routes().stream().map(RouteSpec::toString).toList());
        assertEquals(Map.of("net.ipv4.ip_forward", "0", "net.ipv4.ip_local_port_range", "1024 2048",
                "net.ipv4.conf.all.rp_filter", "2"), r.effectiveSysctls());
        assertEquals(List.of(new ServiceSpec(TransportProtocol.UDP, 53, Application.DNS),
                new ServiceSpec(TransportProtocol.TCP, 53, Application.DNS),
                new ServiceSpec(TransportProtocol.TCP, 31, Application.ECHO)), r.services());
    }

    @Test
    void aFileThatCannotBeReadIsOneClearLine(@TempDir Path dir) {
        UserInputException e = assertThrows(UserInputException.class,
                () -> TopologyLoader.load(dir.resolve("nothing.yaml")));
        assertEquals("cannot read topology " + dir.resolve("nothing.yaml") + ": no such file", e.getMessage());
    }

    @Test
    void theModelIsImmutable() {
        Topology topology = TopologyLoader.load(PORT_FORWARD);
        NodeSpec gw = topology.node("gw").orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> topology.nodes().clear());
        assertThrows(UnsupportedOperationException.class, () -> gw.interfaces().clear());
        assertThrows(UnsupportedOperationException.class, () -> gw.sysctls().clear());
        assertThrows(UnsupportedOperationException.class, () -> gw.effectiveSysctls().clear());
    }

    @Test
    void aTopologyRefusesAnInterfaceOnAnUndefinedSegment() {
        NodeSpec node = new NodeSpec("a", NodeKind.HOST,
                List.of(InterfaceSpec.of("eth0", "nowhere", InterfaceAddress.parse("10.0.0.1/24"))),
                List.of(), Optional.empty(), Map.of(), List.of(), Optional.empty());
        assertThrows(IllegalArgumentException.class,
                () -> new Topology("t", Optional.empty(), List.of(SegmentSpec.named("lan")), List.of(node)));
    }
}
