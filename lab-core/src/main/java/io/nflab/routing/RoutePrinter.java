package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.link.Links;
import io.nflab.link.NetDevice;
import io.nflab.link.Scope;
import java.util.Optional;

/** Prints routes exactly as iproute2 6.1's {@code print_route} does for {@code ip route show} and {@code ip route get}. */
final class RoutePrinter {

    private RoutePrinter() {
    }

    /** One line of {@code ip route show}; the fields a selector fixes are left out, as iproute2 does. */
    static String route(Route r, Links links, RouteFilter filter) {
        StringBuilder out = new StringBuilder();
        if (r.type() != RouteType.UNICAST) {
            out.append(r.type().keyword()).append(' ');
        }
        out.append(destination(r.destination())).append(' ');
        if (r.gateway().isPresent() && !fixes(filter.via())) {
            out.append("via ").append(r.gateway().get()).append(' ');
        }
        if (r.device().isPresent() && filter.device().isEmpty()) {
            out.append("dev ").append(links.device(r.deviceIndex()).name()).append(' ');
        }
        if (r.table() != RouteTables.MAIN && filter.table() == 0) {
            out.append("table ").append(RouteTables.name(r.table())).append(' ');
        }
        if (!r.protocol().equals(RouteProtocol.BOOT) && filter.protocol().isEmpty()) {
            out.append("proto ").append(r.protocol()).append(' ');
        }
        if (!r.scope().equals(Scope.GLOBAL) && filter.scope().isEmpty()) {
            out.append("scope ").append(r.scope()).append(' ');
        }
        if (r.preferredSource().isPresent() && !fixes(filter.source())) {
            out.append("src ").append(r.preferredSource().get()).append(' ');
        }
        if (r.metric() != 0 && filter.metric().isEmpty()) {
            out.append("metric ").append(r.metric()).append(' ');
        }
        if (r.onlink()) {
            out.append("onlink ");
        }
        if (isLinkDown(r, links)) {
            out.append("linkdown ");
        }
        return out.append('\n').toString();
    }

    /**
     * {@code ip route get} for a locally generated packet.
     *
     * @param source the source the command gave ({@code from}), or {@link Ipv4Address#ANY}
     */
    static String output(Ipv4Address destination, Ipv4Address source, OutputRoute.Resolved out, Links links,
            long table, FlowEcho echo) {
        StringBuilder line = new StringBuilder();
        if (out.type() != RouteType.UNICAST) {
            line.append(out.type().keyword()).append(' ');
        }
        line.append(destination).append(' ');
        if (!source.isAny()) {
            line.append("from ").append(source).append(' ');
        }
        out.gateway().ifPresent(g -> line.append("via ").append(g).append(' '));
        line.append("dev ").append(links.device(out.ifindex()).name()).append(' ');
        appendTable(line, table);
        if (source.isAny() && !out.source().isAny()) {
            line.append("src ").append(out.source()).append(' ');
        }
        if (out.type() == RouteType.MULTICAST) {
            line.append("rt_offload_failed ");
        }
        echo.appendTo(line);
        line.append("\n    cache ");
        line.append(cacheFlags(out.local(), out.type() == RouteType.BROADCAST, out.type() == RouteType.MULTICAST,
                false));
        return line.append('\n').toString();
    }

    /**
     * What {@code ip route get} repeats of its request after the route: {@code mark} when not 0 (decimal below
     * 16, else hex, as iproute2 6.1 prints it) and {@code uid} when the kernel reports one (always for output,
     * only when given for input).
     */
    record FlowEcho(long mark, java.util.OptionalLong uid) {
        void appendTo(StringBuilder line) {
            if (mark != 0) {
                line.append("mark ").append(mark < 16 ? Long.toString(mark) : "0x" + Long.toHexString(mark)).append(' ');
            }
            uid.ifPresent(u -> line.append("uid ").append(u).append(' '));
        }
    }

    /** iproute2 names the table the route came from unless it is main. */
    private static void appendTable(StringBuilder line, long table) {
        if (table != RouteTables.MAIN) {
            line.append("table ").append(RouteTables.name(table)).append(' ');
        }
    }

    /** {@code ip route get ... from S iif D} for a packet that routing accepts. */
    static String input(Ipv4Address destination, Ipv4Address source, String inDevice, InputRoute route, Links links,
            long table, FlowEcho echo) {
        StringBuilder line = new StringBuilder();
        if (route instanceof InputRoute.Local) {
            line.append("local ");
        } else if (route instanceof InputRoute.Broadcast) {
            line.append("broadcast ");
        } else if (route instanceof InputRoute.Multicast) {
            line.append("multicast ");
        }
        line.append(destination).append(' ');
        if (!source.isAny()) {
            line.append("from ").append(source).append(' ');
        }
        boolean local = true;
        boolean redirect = false;
        if (route instanceof InputRoute.Forward forward) {
            forward.out().gateway().ifPresent(g -> line.append("via ").append(g).append(' '));
            line.append("dev ").append(links.device(forward.out().ifindex()).name()).append(' ');
            local = false;
            redirect = forward.redirect();
        } else {
            line.append("dev ").append(links.loopback().name()).append(' ');
        }
        appendTable(line, table);
        if (route instanceof InputRoute.Multicast) {
            line.append("rt_offload_failed ");
        }
        echo.appendTo(line);
        line.append("\n    cache ").append(cacheFlags(local, route instanceof InputRoute.Broadcast,
                route instanceof InputRoute.Multicast, redirect));
        return line.append("iif ").append(inDevice).append(" \n").toString();
    }

    /** {@code print_cache_flags}: {@code <local,mc,brd,redirect>} in iproute2's order, then a blank. */
    private static String cacheFlags(boolean local, boolean broadcast, boolean multicast, boolean redirect) {
        StringBuilder flags = new StringBuilder();
        if (local) {
            flags.append(",local");
        }
        if (multicast) {
            flags.append(",mc");
        }
        if (broadcast) {
            flags.append(",brd");
        }
        if (redirect) {
            flags.append(",redirect");
        }
        return flags.length() == 0 ? "" : "<" + flags.substring(1) + "> ";
    }

    /** The kernel marks a route's next hop {@code linkdown} while its device has no carrier (host-scope routes excepted). */
    static boolean isLinkDown(Route r, Links links) {
        if (r.device().isEmpty() || r.nexthopScope().equals(Scope.NOWHERE)) {
            return false;
        }
        NetDevice device = links.device(r.deviceIndex());
        return !device.isLowerUp();
    }

    private static String destination(Ipv4Prefix prefix) {
        if (prefix.length() == 0) {
            return "default";
        }
        return prefix.length() == 32 ? prefix.network().toString() : prefix.toString();
    }

    /** A selector of a full /32 hides its field (iproute2 compares the selector's length with the host length). */
    private static boolean fixes(Optional<IpWords.InetPrefix> selector) {
        return selector.isPresent() && selector.get().length() == 32;
    }
}
