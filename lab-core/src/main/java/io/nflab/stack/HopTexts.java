package io.nflab.stack;

import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.CtDirection;
import io.nflab.iptables.RuleFormat;
import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.eval.Decision;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PortTransport;
import io.nflab.routing.InputRoute;
import io.nflab.routing.OutputRoute;
import java.util.Optional;

/** The texts of the {@link StackHop}s a stack reports: built only when a {@link PacketWatcher} wants hops. */
final class HopTexts {
    private HopTexts() {
    }

    /** What a table decided: the rule as {@code iptables -S} prints it, or {@code policy DROP}. */
    static String decision(Decision decision, Netfilter netfilter) {
        Place place = decision.place();
        if (place.isRule()) {
            Optional<Chain> chain = netfilter.table(place.table()).flatMap(t -> t.chain(place.chain()));
            if (chain.isPresent() && place.number() >= 1 && place.number() <= chain.get().size()) {
                return "-A " + place.chain() + RuleFormat.save(chain.get().rule(place.number() - 1), null);
            }
            return "rule " + place.number() + ": " + decision.kind();
        }
        return place.step().text() + " " + decision.kind();
    }

    /** A NAT rewrite: {@code DNAT dst 203.0.113.1:80 -> 192.168.1.2:8080}, {@code SNAT src …}. */
    static String rewrite(Ipv4Packet before, Ipv4Packet after) {
        StringBuilder text = new StringBuilder();
        String beforeSource = endpoint(before, true);
        String afterSource = endpoint(after, true);
        String beforeDestination = endpoint(before, false);
        String afterDestination = endpoint(after, false);
        if (!beforeDestination.equals(afterDestination)) {
            text.append("DNAT dst ").append(beforeDestination).append(" -> ").append(afterDestination);
        }
        if (!beforeSource.equals(afterSource)) {
            text.append(text.length() > 0 ? ", " : "").append("SNAT src ").append(beforeSource).append(" -> ")
                    .append(afterSource);
        }
        return text.length() > 0 ? text.toString() : "rewritten";
    }

    /** The packet's conntrack state: {@code NEW}, {@code ESTABLISHED reply}, {@code INVALID (reason)}. */
    static String conntrack(ConntrackResult result) {
        StringBuilder text = new StringBuilder(result.state().name());
        if (result.direction() == CtDirection.REPLY) {
            text.append(" reply");
        }
        if (result.reason() != null) {
            text.append(" (").append(result.reason()).append(')');
        }
        return text.toString();
    }

    /** The input routing decision: {@code forward out eth1 via …}, {@code local}, {@code unreachable (ENETUNREACH)} … */
    static String inputRoute(InputRoute route, String outDevice) {
        if (route instanceof InputRoute.Forward forward) {
            return route("forward", outDevice, forward.out());
        } else if (route instanceof InputRoute.Local) {
            return "local";
        } else if (route instanceof InputRoute.Broadcast) {
            return "local broadcast";
        } else if (route instanceof InputRoute.Unreachable unreachable) {
            return "unreachable (" + unreachable.error() + ")";
        } else if (route instanceof InputRoute.Martian martian) {
            return "martian (" + martian.reason().name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return "multicast";
    }

    /** A route out: {@code forward out eth1 via 192.168.1.2}, {@code output out eth0 via … src …}. */
    static String route(String what, String device, OutputRoute.Resolved route) {
        StringBuilder text = new StringBuilder(what).append(" out ").append(device);
        route.gateway().ifPresent(gateway -> text.append(" via ").append(gateway));
        if (route.type() != io.nflab.routing.RouteType.UNICAST) {
            text.append(" (").append(route.type().name().toLowerCase(java.util.Locale.ROOT)).append(')');
        }
        return text.toString();
    }

    private static String endpoint(Ipv4Packet packet, boolean source) {
        String address = (source ? packet.source() : packet.destination()).toString();
        if (packet.transport() instanceof PortTransport ports) {
            return address + ":" + (source ? ports.sourcePort() : ports.destinationPort());
        }
        return address;
    }
}
