package io.nflab.routing;

import io.nflab.link.Scope;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The selectors of {@code ip route show|flush} (iproute2's {@code filter_nlmsg}): table, protocol, scope,
 * types, device, {@code root}/{@code match}/exact prefixes, gateway, preferred source and metric. A
 * selector given also hides the field it fixes from the listing, as iproute2 does.
 *
 * @param table 0 for every table
 */
record RouteFilter(long table, Optional<RouteProtocol> protocol, Optional<Scope> scope, Set<RouteType> types,
        OptionalInt device, Optional<IpWords.InetPrefix> root, Optional<IpWords.InetPrefix> match,
        Optional<IpWords.InetPrefix> via, Optional<IpWords.InetPrefix> source, OptionalLong metric) {

    RouteFilter {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    }

    boolean accepts(Route r) {
        if (table != 0 && r.table() != table) {
            return false;
        }
        if (protocol.isPresent() && !protocol.get().equals(r.protocol())) {
            return false;
        }
        if (scope.isPresent() && !scope.get().equals(r.scope())) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(r.type())) {
            return false;
        }
        if (device.isPresent() && !r.device().equals(device)) {
            return false;
        }
        int length = r.destination().length();
        if (root.isPresent() && (root.get().length() > length
                || !root.get().matchesFirst(r.destination().network(), root.get().length()))) {
            return false;
        }
        if (match.isPresent() && (match.get().length() < length
                || !match.get().matchesFirst(r.destination().network(), length))) {
            return false;
        }
        if (via.isPresent() && !via.get().matchesFirst(r.gateway().orElse(io.nflab.address.Ipv4Address.ANY),
                via.get().length())) {
            return false;
        }
        if (source.isPresent() && !source.get().matchesFirst(
                r.preferredSource().orElse(io.nflab.address.Ipv4Address.ANY), source.get().length())) {
            return false;
        }
        return metric.isEmpty() || metric.getAsLong() == r.metric();
    }
}
