package io.nflab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.diagnostics.UserInputException;
import io.nflab.scenario.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleParserTest {
    private final ConsoleParser parser = new ConsoleParser(ScriptedLab.portForward().topology());

    @Test
    void aNodeCommandIsSplitLikeAShellSplitsIt() {
        assertEquals(new ConsoleCommand.OnNode("gw", List.of("iptables", "-A", "INPUT", "-m", "comment", "--comment",
                        "it's ok", "!", "-s", "10.0.0.1", "-j", "DROP"), new Stdin.None()),
                parser.parse("gw iptables -A INPUT -m comment --comment \"it's ok\" ! -s 10.0.0.1 -j DROP"));
        assertEquals(new ConsoleCommand.OnNode("client", List.of("ping", "-c", "1", "203.0.113.1"), new Stdin.None()),
                parser.parse("  client   ping -c 1 203.0.113.1  "));
    }

    @Test
    void inputComesFromAFileAHereDocumentOrTheLinesUpToCommit() {
        assertEquals(new Stdin.FromFile("gw.rules"), onNode("gw iptables-restore < gw.rules").stdin());
        assertEquals(new Stdin.FromFile("my rules"), onNode("gw iptables-restore <'my rules'").stdin());
        assertEquals(new Stdin.HereDocument("EOF"), onNode("gw iptables-restore --noflush <<EOF").stdin());
        assertEquals(List.of("iptables-restore", "--noflush"), onNode("gw iptables-restore --noflush <<EOF").argv());
        assertEquals(new Stdin.UntilCommit(), onNode("gw iptables-restore -n").stdin());
        assertEquals(new Stdin.None(), onNode("gw iptables-restore --help").stdin());
        assertEquals(new Stdin.None(), onNode("gw iptables-save").stdin());
        assertEquals(List.of("iptables", "--comment", "a<b"), onNode("gw iptables --comment 'a<b'").argv());
    }

    @Test
    void badRedirectionsAreRefused() {
        assertEquals("`<' needs one file name after it, found none", message("gw iptables-restore <"));
        assertEquals("`<' needs one file name after it, found a b", message("gw iptables-restore < a b"));
        assertEquals("output redirection `>' is not supported: the console prints everything",
                message("gw iptables-save > saved.rules"));
        assertEquals("pipes `|' are not supported", message("gw iptables-save | grep DNAT"));
        assertEquals("`nodes' reads no input: only node commands take `<' or `<<'", message("nodes < x"));
    }

    @Test
    void unknownNodesAndCommandsNameTheWordAndTheChoices() {
        assertEquals("unknown node or command `router' (nodes: client, gw, web; commands: help, nodes, clock, fault,"
                + " trace, packets, exit, quit)", message("router iptables -L"));
        assertEquals("gw: unknown command `tcpdump' (commands: iptables, iptables-save, iptables-restore, conntrack, ip,"
                + " sysctl, ping, traceroute, connect, nc, dmesg)", message("gw tcpdump -i eth0"));
        assertEquals("gw: which command? (iptables, iptables-save, iptables-restore, conntrack, ip, sysctl, ping,"
                + " traceroute, connect, nc, dmesg)", message("gw"));
        assertEquals("unterminated ' quote in `gw iptables --comment 'x'", message("gw iptables --comment 'x"));
    }

    @Test
    void theClock() {
        assertEquals(new ConsoleCommand.ShowClock(), parser.parse("clock"));
        assertEquals(new ConsoleCommand.AdvanceClock(Duration.ofSeconds(90)), parser.parse("clock advance 1m30s"));
        assertEquals("bad duration `5x' (write e.g. 500ms, 30s, 5m or 1h30m)", message("clock advance 5x"));
        assertEquals("usage: clock [advance DURATION], e.g. clock advance 30s", message("clock forward 5s"));
    }

    @Test
    void faultsAsTheScenarioNamesThem() {
        assertEquals(new Fault.Link("gw", "eth1", false), fault("fault link-down gw eth1"));
        assertEquals(new Fault.Link("gw", "eth1", true), fault("fault link-up gw eth1"));
        assertEquals(new Fault.Crash("web"), fault("fault crash web"));
        assertEquals(new Fault.Restart("web"), fault("fault restart web"));
        assertEquals(new Fault.Loss("lan", 20), fault("fault loss lan 20"));
        assertEquals(new Fault.Loss("lan", 2.5), fault("fault loss lan 2.5%"));
        assertEquals("gw has no interface `eth9' (interfaces: eth0, eth1)", message("fault link-down gw eth9"));
        assertEquals("unknown node `db' (nodes: client, gw, web)", message("fault crash db"));
        assertEquals("unknown segment `dmz' (segments: internet, lan)", message("fault loss dmz 5"));
        assertEquals("bad loss percentage `150' (a number from 0 to 100, e.g. 20 or 2.5%)", message("fault loss lan 150"));
        assertEquals("usage: fault link-down NODE INTERFACE", message("fault link-down gw"));
        assertEquals("unknown fault `reboot' (link-down, link-up, crash, restart, loss)", message("fault reboot gw"));
    }

    @Test
    void traceTakesTheIdAPacketLineShows() {
        assertEquals(new ConsoleCommand.TracePacket(12), parser.parse("trace 12"));
        assertEquals(new ConsoleCommand.TracePacket(12), parser.parse("trace #12"));
        assertEquals("bad packet id `twelve' (a packet line shows it as #ID)", message("trace twelve"));
        assertEquals("bad packet id `0' (a packet line shows it as #ID)", message("trace 0"));
        assertEquals("usage: trace ID (the #ID a packet line shows)", message("trace"));
    }

    @Test
    void labCommandsAndComments() {
        assertEquals(new ConsoleCommand.Nothing(), parser.parse("   "));
        assertEquals(new ConsoleCommand.Nothing(), parser.parse("  # gw iptables -F"));
        assertEquals(new ConsoleCommand.Help(), parser.parse("help"));
        assertEquals(new ConsoleCommand.ListNodes(), parser.parse("nodes"));
        assertEquals(new ConsoleCommand.ListPackets(), parser.parse("packets"));
        assertEquals(new ConsoleCommand.Exit(), parser.parse("quit"));
        assertEquals("nodes takes no arguments, found `gw'", message("nodes gw"));
    }

    private ConsoleCommand.OnNode onNode(String line) {
        return assertInstanceOf(ConsoleCommand.OnNode.class, parser.parse(line));
    }

    private Fault fault(String line) {
        return assertInstanceOf(ConsoleCommand.InjectFault.class, parser.parse(line)).fault();
    }

    private String message(String line) {
        return assertThrows(UserInputException.class, () -> parser.parse(line)).getMessage();
    }
}
