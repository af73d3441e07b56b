package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.link.Errno;
import io.nflab.link.NetDevice;
import io.nflab.link.NetlinkException;
import io.nflab.link.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** {@code ip route} (iproute2's {@code iproute.c}): show, flush, add/change/replace/append/prepend/test, del, get. */
final class RouteCommand<P> {

    /** Route attributes of {@code ip route add} that nflab does not emulate. */
    private static final Set<String> UNSUPPORTED_EXACT = Set.of("as", "from", "tos", "expires", "mtu", "hoplimit",
            "advmss", "rtt", "rto_min", "ssthresh", "pervasive", "nexthop", "nhid", "encap", "ttl-propagate",
            "preference");
    private static final List<String> UNSUPPORTED_PREFIX = List.of("dsfield", "reordering", "window", "cwnd",
            "initcwnd", "initrwnd", "features", "quickack", "congctl", "rttvar", "realms", "vrf", "pref",
            "fastopen_no_cookie");

    private final IpContext<P> context;
    /** Whether an address was read: iproute2 then knows the family (its messages say "inet"). */
    private boolean inet;
    /**
     * Whether the route type is {@code nat}: iproute2 sends it, and the kernel always refuses it
     * ({@code fib_props[RTN_NAT].scope} is nowhere, wider than any scope a route can have).
     */
    private boolean natType;

    RouteCommand(IpContext<P> context) {
        this.context = context;
        this.inet = context.inet;
    }

    void run(IpArgs args) {
        if (!args.hasNext()) {
            list(args, false);
            return;
        }
        String command = args.take();
        if (IpArgs.matches(command, "add")) {
            modify(args, RouteChange.ADD);
        } else if (IpArgs.matches(command, "change") || command.equals("chg")) {
            modify(args, RouteChange.CHANGE);
        } else if (IpArgs.matches(command, "replace")) {
            modify(args, RouteChange.REPLACE);
        } else if (IpArgs.matches(command, "prepend")) {
            modify(args, RouteChange.PREPEND);
        } else if (IpArgs.matches(command, "append")) {
            modify(args, RouteChange.APPEND);
        } else if (IpArgs.matches(command, "test")) {
            modify(args, RouteChange.TEST);
        } else if (IpArgs.matches(command, "delete")) {
            modify(args, null);
        } else if (IpArgs.matches(command, "list") || IpArgs.matches(command, "show") || IpArgs.matches(command, "lst")) {
            list(args, false);
        } else if (IpArgs.matches(command, "get")) {
            get(args);
        } else if (IpArgs.matches(command, "flush")) {
            if (!args.hasNext()) {
                throw new IpExit(1, "\"ip route flush\" requires arguments.\n");
            }
            list(args, true);
        } else if (IpArgs.matches(command, "save") || IpArgs.matches(command, "restore")
                || IpArgs.matches(command, "showdump")) {
            throw IpExit.unsupported("ip route " + command);
        } else if (IpArgs.matches(command, "help")) {
            throw IpExit.usage("route");
        } else {
            throw new IpExit(255, "Command \"" + command + "\" is unknown, try \"ip route help\".\n");
        }
    }

    // --- ip route add|del ... ---------------------------------------------------------------------------

    /** {@code iproute_modify}; {@code change} null means delete. */
    private void modify(IpArgs args, RouteChange change) {
        boolean delete = change == null;
        Optional<Ipv4Address> source = Optional.empty();
        Optional<Ipv4Address> gateway = Optional.empty();
        OptionalLong metric = OptionalLong.empty();
        Scope scope = null;
        RouteProtocol protocol = null;
        Long table = null;
        String device = null;
        boolean onlink = false;
        RouteType type = null;
        IpWords.InetPrefix destination = null;
        while (args.hasNext()) {
            String word = args.take();
            if (word.equals("src")) {
                source = Optional.of(address(args.argument()));
            } else if (word.equals("via")) {
                if (gateway.isPresent()) {
                    throw IpExit.invalidArgument("use nexthop syntax to specify multiple via\n", word);
                }
                String value = args.argument();
                if (value.equals("inet")) {
                    value = args.argument();
                } else if (value.equals("inet6") || value.equals("mpls") || value.equals("bridge")
                        || value.equals("link")) {
                    throw IpExit.unsupported("via " + value);
                }
                gateway = Optional.of(address(value));
            } else if (IpArgs.matches(word, "metric") || IpArgs.matches(word, "priority")) {
                String value = args.argument();
                metric = OptionalLong.of(IpWords.unsigned(value).orElseThrow(
                        () -> IpExit.invalidArgument("\"metric\" value is invalid\n", value)));
            } else if (word.equals("scope")) {
                String value = args.argument();
                scope = Scope.parse(value).orElseThrow(() -> IpExit.invalidArgument("invalid \"scope\" value\n", value));
            } else if (word.equals("onlink")) {
                onlink = true;
            } else if (IpArgs.matches(word, "protocol")) {
                String value = args.argument();
                protocol = RouteProtocol.parse(value)
                        .orElseThrow(() -> IpExit.invalidArgument("\"protocol\" value is invalid\n", value));
            } else if (IpArgs.matches(word, "table")) {
                String value = args.argument();
                table = RouteTables.parse(value)
                        .orElseThrow(() -> IpExit.invalidArgument("\"table\" value is invalid\n", value));
            } else if (word.equals("dev") || word.equals("oif")) {
                device = args.argument();
            } else if (UNSUPPORTED_EXACT.contains(word) || UNSUPPORTED_PREFIX.stream().anyMatch(k -> IpArgs.matches(word, k))) {
                throw IpExit.unsupported(word);
            } else {
                String target = word.equals("to") ? args.argument() : word;
                Optional<RouteType> named = typeWord(target);
                if (named.isPresent()) {
                    type = named.get();
                    target = args.argument();
                }
                if (IpArgs.matches(target, "help")) {
                    throw IpExit.usage("route");
                }
                if (destination != null) {
                    throw IpExit.garbage("to", target);
                }
                destination = IpWords.prefix(target, inet);
                inet = true;
            }
        }
        if (destination == null) {
            throw IpExit.usage("route");
        }
        OptionalInt oif = device == null ? OptionalInt.empty() : OptionalInt.of(context.device(device).index());
        RouteType kind = type;
        long tableId = table != null ? table
                : kind == RouteType.LOCAL || kind == RouteType.BROADCAST || natType ? RouteTables.LOCAL
                : RouteTables.MAIN;
        if (delete) {
            delete(destination, tableId, kind, scope, protocol, metric, gateway, oif, source);
            return;
        }
        if (natType) {
            checkKey(destination);
            throw new NetlinkException(Errno.EINVAL, "Invalid scope");
        }
        RouteType routeType = kind == null ? RouteType.UNICAST : kind;
        Scope routeScope = scope != null ? scope
                : routeType == RouteType.LOCAL ? Scope.HOST
                : routeType == RouteType.BROADCAST ? Scope.LINK
                : routeType == RouteType.UNICAST && gateway.isEmpty() ? Scope.LINK
                : Scope.GLOBAL;
        checkKey(destination);
        RouteRequest request = new RouteRequest(tableId, routeType, destination.prefix(),
                protocol == null ? RouteProtocol.BOOT : protocol, routeScope, metric.orElse(0), gateway, oif, source,
                onlink);
        context.namespace.addRoute(request, change);
    }

    /** {@code rtnl_rtntype_a2n} for a word that does not start with a digit ({@code nat} sets {@link #natType}). */
    private Optional<RouteType> typeWord(String word) {
        if (word.isEmpty() || (word.charAt(0) >= '0' && word.charAt(0) <= '9')) {
            return Optional.empty();
        }
        if (word.equals("local")) {
            return Optional.of(RouteType.LOCAL);
        }
        if (word.equals("nat")) {
            natType = true;
            return Optional.of(RouteType.UNICAST);
        }
        if (IpArgs.matches(word, "broadcast") || word.equals("brd")) {
            return Optional.of(RouteType.BROADCAST);
        }
        if (IpArgs.matches(word, "anycast") || IpArgs.matches(word, "multicast") || IpArgs.matches(word, "xresolve")) {
            throw IpExit.unsupported(word);
        }
        if (IpArgs.matches(word, "prohibit")) {
            return Optional.of(RouteType.PROHIBIT);
        }
        if (IpArgs.matches(word, "unreachable")) {
            return Optional.of(RouteType.UNREACHABLE);
        }
        if (IpArgs.matches(word, "blackhole")) {
            return Optional.of(RouteType.BLACKHOLE);
        }
        if (IpArgs.matches(word, "unicast")) {
            return Optional.of(RouteType.UNICAST);
        }
        if (word.equals("throw")) {
            return Optional.of(RouteType.THROW);
        }
        return Optional.empty();
    }

    private void delete(IpWords.InetPrefix destination, long table, RouteType type, Scope scope,
            RouteProtocol protocol, OptionalLong metric, Optional<Ipv4Address> gateway, OptionalInt oif,
            Optional<Ipv4Address> source) {
        if (!context.namespace.fib().hasTable(table)) {
            throw new NetlinkException(Errno.ESRCH, "FIB table does not exist");
        }
        checkKey(destination);
        Optional<Scope> scopeCriterion = Optional.ofNullable(scope);
        if (scope == null && type != null && type != RouteType.UNICAST) {
            scopeCriterion = Optional.of(type == RouteType.LOCAL ? Scope.HOST
                    : type == RouteType.BROADCAST ? Scope.LINK : Scope.NOWHERE);
        }
        context.namespace.deleteRoute(new RouteSelector(table, destination.prefix(), Optional.ofNullable(type),
                scopeCriterion, Optional.ofNullable(protocol), metric, gateway, oif, source));
    }

    /** The kernel's {@code fib_valid_key_len}: no host bits beyond the prefix length. */
    private static void checkKey(IpWords.InetPrefix destination) {
        if (destination.hasHostBits()) {
            throw new NetlinkException(Errno.EINVAL, "Invalid prefix for given prefix length");
        }
    }

    private Ipv4Address address(String word) {
        Ipv4Address address = IpWords.address(word, inet);
        inet = true;
        return address;
    }

    // --- ip route show|flush ----------------------------------------------------------------------------

    private void list(IpArgs args, boolean flush) {
        long table = RouteTables.MAIN;
        Optional<RouteProtocol> protocol = Optional.empty();
        Optional<Scope> scope = Optional.empty();
        Set<RouteType> types = EnumSet.noneOf(RouteType.class);
        String device = null;
        Optional<IpWords.InetPrefix> root = Optional.empty();
        Optional<IpWords.InetPrefix> match = Optional.empty();
        Optional<IpWords.InetPrefix> via = Optional.empty();
        Optional<IpWords.InetPrefix> source = Optional.empty();
        OptionalLong metric = OptionalLong.empty();
        while (args.hasNext()) {
            String word = args.take();
            if (IpArgs.matches(word, "table")) {
                String value = args.argument();
                Optional<Long> id = RouteTables.parse(value);
                if (id.isPresent()) {
                    table = id.get();
                } else if (value.equals("all")) {
                    table = 0;
                } else if (value.equals("cache")) {
                    throw IpExit.unsupported("table cache");
                } else if (value.equals("help")) {
                    throw IpExit.usage("route");
                } else {
                    throw IpExit.invalidArgument("table id value is invalid\n", value);
                }
            } else if (IpArgs.matches(word, "protocol")) {
                String value = args.argument();
                if (!value.equals("all")) {
                    protocol = Optional.of(RouteProtocol.parse(value)
                            .orElseThrow(() -> IpExit.invalidArgument("invalid \"protocol\"\n", value)));
                }
            } else if (IpArgs.matches(word, "scope")) {
                String value = args.argument();
                if (!value.equals("all")) {
                    scope = Optional.of(Scope.parse(value)
                            .orElseThrow(() -> IpExit.invalidArgument("invalid \"scope\"\n", value)));
                }
            } else if (IpArgs.matches(word, "type")) {
                String value = args.argument();
                types.add(typeWord(value).filter(t -> !natType)
                        .orElseThrow(() -> IpExit.invalidArgument("node type value is invalid\n", value)));
            } else if (word.equals("dev") || word.equals("oif")) {
                device = args.argument();
            } else if (IpArgs.matches(word, "metric") || IpArgs.matches(word, "priority") || word.equals("preference")) {
                String value = args.argument();
                metric = OptionalLong.of(IpWords.unsigned(value)
                        .orElseThrow(() -> IpExit.invalidArgument("\"metric\" value is invalid\n", value)));
            } else if (word.equals("via")) {
                via = Optional.of(IpWords.prefix(args.argument(), context.inet));
            } else if (word.equals("src")) {
                source = Optional.of(IpWords.prefix(args.argument(), context.inet));
            } else if (word.equals("iif") || word.equals("mark") || word.equals("tos") || IpArgs.matches(word, "dsfield")
                    || IpArgs.matches(word, "vrf") || IpArgs.matches(word, "cached") || IpArgs.matches(word, "cloned")
                    || IpArgs.matches(word, "realms")) {
                throw IpExit.unsupported(word);
            } else if (IpArgs.matches(word, "root")) {
                root = Optional.of(IpWords.prefix(args.argument(), context.inet));
            } else if (IpArgs.matches(word, "match")) {
                match = Optional.of(IpWords.prefix(args.argument(), context.inet));
            } else {
                String value = IpArgs.matches(word, "exact") ? args.argument() : word;
                if (IpArgs.matches(value, "help")) {
                    throw IpExit.usage("route");
                }
                IpWords.InetPrefix exact = IpWords.prefix(value, context.inet);
                root = Optional.of(exact);
                match = Optional.of(exact);
            }
        }
        OptionalInt oif = device == null ? OptionalInt.empty() : OptionalInt.of(context.device(device).index());
        if (table != 0 && table != RouteTables.MAIN && !context.namespace.fib().hasTable(table)) {
            throw new IpExit(2, "Error: ipv4: FIB table does not exist.\nDump terminated\n");
        }
        RouteFilter filter = new RouteFilter(table, protocol, scope, types, oif, root, match, via, source, metric);
        List<Route> selected = context.namespace.fib().tables().stream()
                .flatMap(t -> context.namespace.fib().routes(t).stream())
                .filter(filter::accepts)
                .toList();
        if (flush) {
            context.namespace.removeRoutes(selected);
            return;
        }
        for (Route r : selected) {
            context.out.append(RoutePrinter.route(r, context.namespace.links(), filter));
        }
    }

    // --- ip route get ------------------------------------------------------------------------------------

    private static final int TCP = 6;
    private static final int UDP = 17;

    /** {@code iproute_get}. */
    private void get(IpArgs args) {
        Ipv4Address destination = null;
        Ipv4Address source = Ipv4Address.ANY;
        String inDevice = null;
        String outDevice = null;
        long mark = 0;
        int tos = 0;
        OptionalLong uid = OptionalLong.empty();
        int protocol = UDP; // the kernel's inet_rtm_getroute asks for a UDP flow unless told otherwise
        int sourcePort = 0;
        int destinationPort = 0;
        while (args.hasNext()) {
            String word = args.take();
            if (IpArgs.matches(word, "from")) {
                String value = args.argument();
                if (IpArgs.matches(value, "help")) {
                    throw IpExit.usage("route");
                }
                source = IpWords.prefix(value, inet).address();
                inet = true;
            } else if (IpArgs.matches(word, "iif")) {
                inDevice = args.argument();
            } else if (IpArgs.matches(word, "mark")) {
                String value = args.argument();
                mark = IpWords.unsigned(value).orElseThrow(() -> IpExit.invalidArgument("invalid mark value", value));
            } else if (IpArgs.matches(word, "oif") || word.equals("dev")) {
                outDevice = args.argument();
            } else if (word.equals("tos") || IpArgs.matches(word, "dsfield")) {
                String value = args.argument();
                tos = IpWords.dsfield(value).orElseThrow(() -> IpExit.invalidArgument("TOS value is invalid\n", value));
            } else if (IpArgs.matches(word, "uid")) {
                String value = args.argument();
                uid = OptionalLong.of(IpWords.unsigned(value)
                        .orElseThrow(() -> IpExit.invalidArgument("invalid UID\n", value)));
            } else if (IpArgs.matches(word, "ipproto")) {
                String value = args.argument();
                protocol = IpWords.protocol(value)
                        .orElseThrow(() -> IpExit.invalidArgument("Invalid \"ipproto\" value\n", value));
            } else if (word.equals("sport") || word.equals("dport")) {
                String value = args.argument();
                OptionalLong port = IpWords.unsigned(value);
                if (port.isEmpty() || port.getAsLong() > 0xffff) {
                    throw IpExit.invalidArgument("invalid " + word + "\n", value);
                }
                if (word.equals("sport")) {
                    sourcePort = (int) port.getAsLong();
                } else {
                    destinationPort = (int) port.getAsLong();
                }
            } else if (IpArgs.matches(word, "notify") || IpArgs.matches(word, "connected") || IpArgs.matches(word, "vrf")
                    || IpArgs.matches(word, "fibmatch") || word.equals("as") || IpArgs.matches(word, "flowlabel")) {
                throw IpExit.unsupported(word);
            } else {
                String value = word.equals("to") ? args.argument() : word;
                if (IpArgs.matches(value, "help")) {
                    throw IpExit.usage("route");
                }
                IpWords.InetPrefix target = IpWords.prefix(value, inet);
                inet = true;
                if (target.length() != 32) {
                    context.err.append("Warning: /").append(target.length())
                            .append(" as prefix is invalid, only /32 (or none) is supported.\n");
                }
                destination = target.address();
            }
        }
        if (destination == null) {
            throw new IpExit(1, "need at least a destination address\n");
        }
        Optional<NetDevice> in = inDevice == null ? Optional.empty() : Optional.of(context.device(inDevice));
        Optional<NetDevice> out = outDevice == null ? Optional.empty() : Optional.of(context.device(outDevice));
        RoutePrinter.FlowEcho echo = new RoutePrinter.FlowEcho(mark, uid);
        if (in.isPresent()) {
            // ip_route_input_slow looks up with uid 0 whatever the request says, and takes the ports from the
            // packet the kernel builds, which has a TCP or UDP header only for those protocols
            boolean ports = protocol == UDP || protocol == TCP;
            RouteFlow flow = new RouteFlow(mark, tos, protocol, ports ? sourcePort : 0, ports ? destinationPort : 0, 0);
            InputRoute route = context.namespace.routeInput(destination, source, in.get().index(), flow);
            if (route instanceof InputRoute.Unreachable unreachable) {
                throw new NetlinkException(unreachable.error());
            }
            if (route instanceof InputRoute.Martian) {
                throw new NetlinkException(Errno.EINVAL);
            }
            Optional<Route> found = route instanceof InputRoute.Local local ? Optional.of(local.route())
                    : route instanceof InputRoute.Forward forward ? forward.out().route() : Optional.empty();
            context.out.append(RoutePrinter.input(destination, source, in.get().name(), route,
                    context.namespace.links(), reportedTable(found), echo));
            return;
        }
        RouteFlow flow = new RouteFlow(mark, tos, protocol, sourcePort, destinationPort, uid.orElse(0));
        OutputRoute route = context.namespace.routeOutput(destination, source, out.map(NetDevice::index).orElse(0),
                flow);
        if (route instanceof OutputRoute.Failed failed) {
            throw new NetlinkException(failed.error());
        }
        OutputRoute.Resolved resolved = (OutputRoute.Resolved) route;
        context.out.append(RoutePrinter.output(destination, source, resolved, context.namespace.links(),
                reportedTable(resolved.route()), new RoutePrinter.FlowEcho(mark, OptionalLong.of(uid.orElse(0)))));
    }

    /**
     * The table the kernel reports for a lookup's route: with only the default rules the local and main
     * tables are one (main); with custom rules each route's own.
     */
    private long reportedTable(Optional<Route> route) {
        if (route.isEmpty()) {
            return RouteTables.MAIN;
        }
        long table = route.get().table();
        boolean merged = context.namespace.fib().rules().areDefault();
        return merged && (table == RouteTables.LOCAL || table == RouteTables.MAIN) ? RouteTables.MAIN : table;
    }
}
