package io.nflab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** Completion through JLine's Completer interface, on lines as JLine's parser splits them. */
class ConsoleCompleterTest {
    private final ConsoleCompleter completer =
            new ConsoleCompleter(ScriptedLab.portForward().topology(), () -> List.of(7L, 8L));

    @Test
    void nodesAndLabCommandsFirst() {
        assertEquals(List.of("client", "gw", "web", "help", "nodes", "clock", "fault", "trace", "packets", "exit", "quit"),
                candidates(""));
    }

    @Test
    void aNodesPrograms() {
        assertEquals(NodePrograms.PROGRAMS, candidates("gw "));
        assertEquals(NodePrograms.PROGRAMS, candidates("gw ipt"), "JLine filters by the typed prefix");
    }

    @Test
    void iptablesOptionsAndTheirValues() {
        assertEquals(List.of("filter", "nat", "mangle", "raw", "security"), candidates("gw iptables -t "));
        assertEquals(List.of("INPUT", "FORWARD", "OUTPUT", "PREROUTING", "POSTROUTING"), candidates("gw iptables -t nat -A "));
        assertEquals(List.of("eth0", "eth1", "lo"), candidates("gw iptables -A FORWARD -i "));
        assertEquals(List.of("ACCEPT", "DROP"), candidates("gw iptables -P FORWARD "));
        assertTrue(candidates("gw iptables -A INPUT -j ").containsAll(List.of("ACCEPT", "DROP", "REJECT", "DNAT", "LOG")));
        assertTrue(candidates("gw iptables -A INPUT -m ").contains("conntrack"));
        assertTrue(candidates("gw iptables -A INPUT -m conntrack --ctstate ").contains("RELATED,ESTABLISHED"));
        assertTrue(candidates("gw iptables ").containsAll(List.of("-t", "-A", "-L", "-n", "-v", "--line-numbers")));
        assertTrue(candidates("gw iptables -d ").contains("192.168.1.2"));
        assertEquals(List.of("filter", "nat", "mangle", "raw", "security"), candidates("gw iptables-save -t "));
    }

    @Test
    void ipObjectsSubcommandsAndDevices() {
        assertEquals(List.of("addr", "link", "route", "neigh"), candidates("gw ip "));
        assertEquals(List.of("show", "add", "del", "get", "flush", "replace"), candidates("gw ip route "));
        assertEquals(List.of("dev", "eth0", "eth1", "up", "down"), candidates("gw ip link set "));
    }

    @Test
    void clientsCompleteTheLabsAddresses() {
        assertTrue(candidates("client ping ").containsAll(List.of("-c", "203.0.113.1", "192.168.1.2", "203.0.113.10")));
        assertTrue(candidates("client connect ").contains("203.0.113.1"));
        assertTrue(candidates("gw conntrack ").containsAll(List.of("-L", "-D", "-F", "-p")));
        assertEquals(List.of("tcp", "udp", "icmp"), candidates("gw conntrack -L -p "));
        assertTrue(candidates("gw sysctl ").contains("net.ipv4.ip_forward"));
    }

    @Test
    void labCommandsArguments() {
        assertEquals(List.of("link-down", "link-up", "crash", "restart", "loss"), candidates("fault "));
        assertEquals(List.of("client", "gw", "web"), candidates("fault link-down "));
        assertEquals(List.of("eth0", "eth1"), candidates("fault link-down gw "));
        assertEquals(List.of("internet", "lan"), candidates("fault loss "));
        assertEquals(List.of("advance"), candidates("clock "));
        assertEquals(List.of("7", "8"), candidates("trace "));
        assertEquals(List.of(), candidates("nosuch "));
    }

    /** The candidates JLine gets for the word at the end of {@code line}. */
    private List<String> candidates(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }
}
