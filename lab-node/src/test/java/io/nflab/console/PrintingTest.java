package io.nflab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.lab.Activity;
import io.nflab.lab.ClockText;
import io.nflab.lab.LabEvent;
import io.nflab.lab.PacketStory;
import io.nflab.packet.PacketText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's printing of activities, fates, traces and the nodes list. */
class PrintingTest {
    private static final List<PacketStory> ALL =
            List.of(Stories.FORWARDED, Stories.DROPPED, Stories.REJECTED, Stories.REJECTION, Stories.NO_ROUTE);

    @Test
    void aPacketBriefKeepsTheHeadOfThePacketText() {
        assertEquals("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S", PacketBrief.of(Stories.SYN));
        assertEquals("udp 203.0.113.10:5353 > 203.0.113.1:53 len 30", PacketBrief.of(Stories.DNS));
        assertEquals("icmp 203.0.113.10 > 192.168.1.2 echo-request seq 1", PacketBrief.of(Stories.PING));
        assertEquals("icmp 203.0.113.1 > 203.0.113.10 port-unreachable", PacketBrief.of(Stories.UNREACHABLE));
        assertEquals("icmp 10.0.0.1 > 10.0.0.2 42/3", PacketBrief.of(PacketText.parse("icmp 10.0.0.1 > 10.0.0.2 42/3")));
        assertEquals("gre 10.0.0.1 > 10.0.0.2 len 20", PacketBrief.of(PacketText.parse("gre 10.0.0.1 > 10.0.0.2 len 20")));
    }

    @Test
    void oneLinePerPacketAligned() {
        assertEquals(List.of(
                "  #1  tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S     delivered on web eth0 as tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S",
                "  #2  tcp 203.0.113.10:40001 > 203.0.113.1:22 flags S     dropped on gw by filter FORWARD policy DROP",
                "  #3  udp 203.0.113.10:5353 > 203.0.113.1:53 len 30       rejected on gw by filter f2b rule 4 (hook INPUT) with icmp-port-unreachable, answered by #4",
                "  #4  icmp 203.0.113.1 > 203.0.113.10 port-unreachable    delivered on client eth0",
                "  #5  icmp 203.0.113.10 > 192.168.1.2 echo-request seq 1  dropped on gw: no route (ENETUNREACH)"),
                PacketSummary.lines(ALL, 20));
    }

    @Test
    void aLongListStopsAtTheLimitAndSaysHowToSeeTheRest() {
        List<String> lines = PacketSummary.lines(ALL, 2);
        assertEquals(3, lines.size());
        assertEquals("  … 3 more: `packets' lists them all", lines.get(2));
    }

    @Test
    void aReplyOutsideTheKnownStoriesIsShownAsAPacket() {
        assertEquals("rejected on gw by filter f2b rule 4 (hook INPUT) with icmp-port-unreachable, answered with icmp 203.0.113.1 > 203.0.113.10 port-unreachable",
                PacketBrief.FATES.ends(Stories.REJECTED, List.of(Stories.REJECTED)));
        PacketStory inFlight = new PacketStory(9, 0, "client", 0, Stories.SYN, List.of(), List.of());
        assertEquals("still in flight", PacketBrief.FATES.ends(inFlight, List.of()));
    }

    @Test
    void anActivityPrintsTheToolsOutputThenEventsThenPackets() {
        Activity activity = new Activity(0, 2_500_000, "out without newline", "warning\n", 0, Optional.empty(),
                List.of(Stories.DROPPED), List.of(new LabEvent(1_500_000, "link-down gw eth1")));
        StringWriter text = new StringWriter();
        ActivityReport.print(activity, new PrintWriter(text));
        assertEquals("""
                out without newline
                warning
                [0.001s] link-down gw eth1
                1 packet (trace ID tells its story):
                  #2  tcp 203.0.113.10:40001 > 203.0.113.1:22 flags S  dropped on gw by filter FORWARD policy DROP
                """, text.toString());
    }

    @Test
    void aTraceShowsEveryHopInColumns() {
        assertEquals(List.of(
                "packet #1: tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S",
                "  sent by client at 0.000s",
                "  as sent: tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S seq 1000 df",
                "  0.000000s  client  OUTPUT       filter OUTPUT          OUT=eth0          policy ACCEPT",
                "  0.000012s  gw      PREROUTING   nat PREROUTING rule 1  IN=eth0           DNAT to 192.168.1.2:8080",
                "  0.000012s  gw      FORWARD      filter FORWARD rule 2  IN=eth0 OUT=eth1  ACCEPT",
                "  0.000012s  gw      POSTROUTING  nat                    OUT=eth1          binding: no SNAT",
                "  0.000024s  web     INPUT                               IN=eth0           delivered to tcp socket",
                "  ended: delivered on web eth0 as tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S"),
                PacketTrace.lines(Stories.FORWARDED, List.of()));
        assertEquals(List.of(
                "packet #4: icmp 203.0.113.1 > 203.0.113.10 port-unreachable",
                "  sent by gw at 0.002s, in answer to #3",
                "  as sent: icmp 203.0.113.1 > 203.0.113.10 port-unreachable [udp 203.0.113.10:5353 > 203.0.113.1:53 len 30]",
                "  no hops recorded",
                "  ended: delivered on client eth0"),
                PacketTrace.lines(Stories.REJECTION, List.of()));
    }

    @Test
    void theNodesOfTheLab() {
        assertEquals(List.of(
                "client  host     eth0  203.0.113.10/24  on internet",
                "gw      gateway  eth0  203.0.113.1/24  on internet",
                "                 eth1  192.168.1.1/24  on lan",
                "web     host     eth0  192.168.1.2/24  on lan",
                "                 services: tcp/8080 http"),
                NodesListing.lines(ScriptedLab.portForward().topology()));
    }

    @Test
    void labTimes() {
        assertEquals("0.000s", ClockText.millis(0));
        assertEquals("3600.250s", ClockText.millis(3_600_250_000_000L));
        assertEquals("1.000001s", ClockText.micros(1_000_001_999L));
    }
}
