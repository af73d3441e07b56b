package io.nflab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.address.Ipv4Address;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.packet.IcmpType;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpFlags;
import io.nflab.topology.TransportProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    private static final Path LAB = Path.of("../topologies/port-forward");
    private static final Path SCENARIO = LAB.resolve("scenarios/port-forward.yaml");

    @Test
    void loadsThePortForwardScenarioWithItsTopology() {
        Scenario scenario = ScenarioLoader.load(SCENARIO);
        assertEquals("port-forward", scenario.name());
        assertEquals("port-forward", scenario.topology().name());
        assertEquals(7, scenario.steps().size());

        Step first = scenario.steps().get(0);
        assertEquals(new SourceLocation(SCENARIO.toString(), 7, 5), first.location());
        assertEquals(new Action.Send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S")),
                first.action());
        Expectation.Delivered delivered = assertInstanceOf(Expectation.Delivered.class, first.expectations().get(0));
        assertEquals("web", delivered.node());
        assertEquals(Optional.of("eth0"), delivered.iface());
        assertEquals(Optional.of(Ipv4Address.parse("192.168.1.2")), delivered.headers().dst());
        assertEquals(OptionalInt.of(8080), delivered.headers().dport());
        assertEquals(Optional.of(IpProtocol.TCP), delivered.headers().protocol());
        assertEquals(OptionalInt.of(63), delivered.headers().ttl());
        assertEquals(Optional.of(TcpFlags.SYN), delivered.headers().flags());
        assertEquals(new Expectation.Counters("gw", "nat", "PREROUTING", new RuleRef.Numbered(1), OptionalLong.of(1),
                OptionalLong.empty()), first.expectations().get(1));

        assertEquals(new Action.Command(Action.Tool.CONNTRACK, "gw", List.of("-L")), scenario.steps().get(1).action());
        assertEquals(new Action.Connect("client", Ipv4Address.parse("203.0.113.1"), 80, TransportProtocol.TCP),
                scenario.steps().get(2).action());
        assertEquals(List.of(new Expectation.Connection(ConnectionOutcome.ESTABLISHED)),
                scenario.steps().get(2).expectations());
        assertEquals(List.of(
                new Expectation.Dropped("gw", new NetfilterPlace(Optional.of("filter"), Optional.of("FORWARD"),
                        Optional.of(new RuleRef.Policy()))),
                new Expectation.Counters("gw", "filter", "FORWARD", new RuleRef.Policy(), OptionalLong.of(1),
                        OptionalLong.empty())),
                scenario.steps().get(3).expectations());
        assertEquals(new Action.Command(Action.Tool.IPTABLES, "gw", List.of("-t", "nat", "-S")),
                scenario.steps().get(4).action());
        assertEquals(new Action.AdvanceClock(Duration.ofDays(5).plusSeconds(1)), scenario.steps().get(5).action());
        assertEquals(List.of(new Expectation.Output(Expectation.Stream.STDOUT, new TextMatch.Equals("")),
                new Expectation.Output(Expectation.Stream.STDERR, new TextMatch.Contains("0 flow entries have been shown."))),
                scenario.steps().get(6).expectations());
    }

    @Test
    void aLabFolderHasItsTopologyAndScenarios() {
        Lab lab = LabLoader.load(LAB);
        assertEquals("port-forward", lab.topology().name());
        List<String> files = LabLoader.scenarioFiles(LAB).stream()
                .map(f -> f.getFileName().toString().replaceFirst("\\.yaml$", "")).toList();
        assertTrue(files.contains("port-forward"), files.toString());
        assertEquals(files, lab.scenarios().stream().map(Scenario::name).toList(), "one scenario per file, in file order");
    }

    @Test
    void everyActionAndFault(@TempDir Path lab) throws IOException {
        Files.copy(LAB.resolve("topology.yaml"), lab.resolve("topology.yaml"));
        Files.copy(LAB.resolve("gw.rules"), lab.resolve("gw.rules"));
        Path scenarios = Files.createDirectory(lab.resolve("scenarios"));
        Path file = scenarios.resolve("all.yaml");
        Files.writeString(file, """
                steps:
                  - ping: { from: client, to: 192.168.1.2, count: 3 }
                    expect:
                      - rejected: { node: gw, with: icmp-port-unreachable, chain: FORWARD, rule: 2 }
                      - output: { contains: "3 packets transmitted" }
                  - send: { from: client, packet: "icmp 203.0.113.10 > 192.168.1.2 echo-request id 7 seq 1" }
                    expect:
                      delivered: { node: web, proto: 1, icmp-type: Echo-Request, icmp-code: 0, tos: 0x10, flags: none }
                  - traceroute: { from: client, to: 192.168.1.2 }
                  - connect: { from: client, to: "203.0.113.1:53", proto: udp }
                    expect: { connection: timeout }
                  - iptables-save: { on: gw, command: "-c -t nat" }
                    expect: { exit: 0 }
                  - ip: { on: gw, command: "route get 10.0.0.1 mark 1" }
                    expect: { output: { contains: "mark 1 uid 0" } }
                  - fault: { type: link-down, node: gw, interface: eth1 }
                  - fault: { type: link-up, node: gw, interface: eth1 }
                  - fault: { type: crash, node: web }
                  - fault: { type: restart, node: web }
                  - fault: { type: loss, segment: lan, percent: 12.5 }
                  - clock: { advance: 2m }
                    expect:
                      counters: { node: gw, table: nat, chain: PREROUTING, rule: 1, packets: 0, bytes: 0 }
                """);
        Scenario scenario = ScenarioLoader.load(file);
        assertEquals("all", scenario.name());
        assertEquals(List.of(
                new Action.Ping("client", Ipv4Address.parse("192.168.1.2"), 3),
                new Action.Send("client", PacketText.parse("icmp 203.0.113.10 > 192.168.1.2 echo-request id 7 seq 1")),
                new Action.Traceroute("client", Ipv4Address.parse("192.168.1.2"), 30),
                new Action.Connect("client", Ipv4Address.parse("203.0.113.1"), 53, TransportProtocol.UDP),
                new Action.Command(Action.Tool.IPTABLES_SAVE, "gw", List.of("-c", "-t", "nat")),
                new Action.Command(Action.Tool.IP, "gw", List.of("route", "get", "10.0.0.1", "mark", "1")),
                new Fault.Link("gw", "eth1", false),
                new Fault.Link("gw", "eth1", true),
                new Fault.Crash("web"),
                new Fault.Restart("web"),
                new Fault.Loss("lan", 12.5),
                new Action.AdvanceClock(Duration.ofMinutes(2))),
                scenario.steps().stream().map(Step::action).toList());
        assertEquals(new Expectation.Rejected("gw", new NetfilterPlace(Optional.empty(), Optional.of("FORWARD"),
                Optional.of(new RuleRef.Numbered(2))), Optional.of(RejectWith.ICMP_PORT_UNREACHABLE)),
                scenario.steps().get(0).expectations().get(0));
        assertEquals(new Expectation.Delivered("web", Optional.empty(), new HeaderExpectation(Optional.empty(),
                Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.of(IpProtocol.ICMP), OptionalInt.empty(),
                OptionalInt.of(0x10), Optional.of(TcpFlags.NONE), Optional.of(IcmpType.ECHO_REQUEST), OptionalInt.of(0))),
                scenario.steps().get(1).expectations().get(0));
    }

    @Test
    void theModelIsImmutable() {
        Scenario scenario = ScenarioLoader.load(SCENARIO);
        assertThrows(UnsupportedOperationException.class, () -> scenario.steps().clear());
        assertThrows(UnsupportedOperationException.class, () -> scenario.steps().get(0).expectations().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> ((Action.Command) scenario.steps().get(1).action()).arguments().clear());
    }
}
