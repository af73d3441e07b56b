package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.scenario.RejectWith;
import io.nflab.stack.Fate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FateTextTest {
    private static final FateText TEXT = new FateText(PacketText::format);
    private static final Ipv4Packet SYN = PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S");
    private static final Ipv4Packet DNATED = PacketText.parse("tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S ttl 63");
    private static final Ipv4Packet RESET = PacketText.parse("tcp 203.0.113.1:80 > 203.0.113.10:40000 flags RA");
    private static final Ipv4Packet UNREACHABLE = Ipv4Packet.builder().source(SYN.destination()).destination(SYN.source())
            .transport(IcmpError.of(IcmpType.DESTINATION_UNREACHABLE, IcmpCode.COMMUNICATION_PROHIBITED, SYN)).build();

    private static PacketStory story(Fate... ends) {
        return new PacketStory(3, 0, "client", 0, SYN, List.of(ends), List.of());
    }

    private static Place place(Hook hook, TableKind table, String chain, Place.Step step, int number) {
        return new Place(hook, table, chain, step, number);
    }

    @Test
    void deliveredShowsThePacketOnlyWhenItChangedOnTheWay() {
        assertEquals("delivered on web eth0 as " + PacketText.format(DNATED),
                TEXT.ends(story(new Fate.Delivered("web", "eth0", DNATED)), List.of()));
        assertEquals("delivered on gw eth0", TEXT.ends(story(new Fate.Delivered("gw", "eth0", SYN)), List.of()));
    }

    @Test
    void aDropNamesTableChainAndRuleOrThePolicyAsIptablesDoes() {
        Place policy = place(Hook.FORWARD, TableKind.FILTER, "FORWARD", Place.Step.POLICY, 3);
        Place rule = place(Hook.PREROUTING, TableKind.RAW, "PREROUTING", Place.Step.RULE, 2);
        Place userChain = place(Hook.INPUT, TableKind.FILTER, "f2b", Place.Step.RULE, 4);
        assertEquals("dropped on gw by filter FORWARD policy DROP",
                TEXT.ends(story(new Fate.Dropped("gw", Optional.of(policy), "policy", SYN)), List.of()));
        assertEquals("dropped on gw by raw PREROUTING rule 2",
                TEXT.ends(story(new Fate.Dropped("gw", Optional.of(rule), "rule 2", SYN)), List.of()));
        assertEquals("dropped on gw by filter f2b rule 4 (hook INPUT)",
                TEXT.ends(story(new Fate.Dropped("gw", Optional.of(userChain), "rule 4", SYN)), List.of()));
        assertEquals("dropped on client: no route (ENETUNREACH)",
                TEXT.ends(story(new Fate.Dropped("client", Optional.empty(), "no route (ENETUNREACH)", SYN)), List.of()));
    }

    @Test
    void aRejectNamesItsAnswerAndTheReplyByIdWhenItsStoryIsKnown() {
        Place rule = place(Hook.INPUT, TableKind.FILTER, "INPUT", Place.Step.RULE, 3);
        PacketStory rejected = story(new Fate.Rejected("gw", rule, SYN, Optional.of(RESET)));
        PacketStory reply = new PacketStory(8, 3, "gw", 10, RESET, List.of(), List.of());
        assertEquals("rejected on gw by filter INPUT rule 3 with tcp-reset, answered by #8",
                TEXT.ends(rejected, List.of(rejected, reply)));
        assertEquals("rejected on gw by filter INPUT rule 3 with tcp-reset, answered with " + PacketText.format(RESET),
                TEXT.ends(rejected, List.of()));
        assertEquals("rejected on gw by filter INPUT rule 3 with icmp-admin-prohibited, answered with "
                        + PacketText.format(UNREACHABLE),
                TEXT.ends(story(new Fate.Rejected("gw", rule, SYN, Optional.of(UNREACHABLE))), List.of()));
        assertEquals("rejected on gw by filter INPUT rule 3, no answer sent",
                TEXT.ends(story(new Fate.Rejected("gw", rule, SYN, Optional.empty())), List.of()));
    }

    @Test
    void sentOutAndStillInFlight() {
        assertEquals("forwarded out of gw eth1 as " + PacketText.format(DNATED) + "; sent out of client eth0",
                TEXT.ends(story(new Fate.Sent("gw", "eth1", DNATED, true), new Fate.Sent("client", "eth0", SYN, false)),
                        List.of()));
        assertEquals("still in flight", TEXT.ends(story(), List.of()));
    }

    @Test
    void theAnswerOfAReplyPacket() {
        assertEquals(Optional.of(RejectWith.TCP_RESET), RejectWith.answeredBy(RESET));
        assertEquals(Optional.of(RejectWith.ICMP_ADMIN_PROHIBITED), RejectWith.answeredBy(UNREACHABLE));
        assertEquals(Optional.empty(), RejectWith.answeredBy(SYN));
    }
}
