package io.nflab.replay;

import io.nflab.lab.Activity;
import io.nflab.lab.Hop;
import io.nflab.lab.PacketStory;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.socket.Outcome;
import io.nflab.stack.Fate;
import java.util.List;
import java.util.Optional;

/** Hand-built activities and packet stories, the inputs expectation evaluation is a pure function of. */
final class Stories {

    private Stories() {
    }

    static Ipv4Packet packet(String text) {
        return PacketText.parse(text);
    }

    static PacketStory story(long id, long cause, String origin, String packet, Fate... ends) {
        return new PacketStory(id, cause, origin, 0, packet(packet), List.of(ends),
                List.of(new Hop(origin, 0, "", "eth0", "OUTPUT", "filter", "OUTPUT", Hop.NO_RULE, "policy ACCEPT")));
    }

    static Fate delivered(String node, String iface, String packet) {
        return new Fate.Delivered(node, iface, packet(packet));
    }

    static Fate droppedByRule(String node, Hook hook, TableKind table, String chain, int rule, String packet) {
        return new Fate.Dropped(node, Optional.of(new Place(hook, table, chain, Place.Step.RULE, rule)),
                "rule " + rule, packet(packet));
    }

    static Fate droppedByPolicy(String node, Hook hook, String chain, int rules, String packet) {
        return new Fate.Dropped(node, Optional.of(new Place(hook, TableKind.FILTER, chain, Place.Step.POLICY, rules + 1)),
                "policy", packet(packet));
    }

    static Fate droppedBecause(String node, String reason, String packet) {
        return new Fate.Dropped(node, Optional.empty(), reason, packet(packet));
    }

    static Fate rejected(String node, String chain, int rule, String packet, String reply) {
        return new Fate.Rejected(node, new Place(Hook.FORWARD, TableKind.FILTER, chain, Place.Step.RULE, rule),
                packet(packet), Optional.of(packet(reply)));
    }

    static Activity activity(PacketStory... packets) {
        return new Activity(0, 1000, "", "", 0, Optional.empty(), List.of(packets), List.of());
    }

    static Activity output(int exit, String stdout, String stderr) {
        return new Activity(0, 0, stdout, stderr, exit, Optional.empty(), List.of(), List.of());
    }

    static Activity connection(Outcome outcome, String stdout, PacketStory... packets) {
        return new Activity(0, 5000, stdout, "", 0, Optional.of(outcome), List.of(packets), List.of());
    }
}
