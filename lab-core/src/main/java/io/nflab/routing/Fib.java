package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.link.AddressMap;
import io.nflab.link.Errno;
import io.nflab.link.NetlinkException;
import io.nflab.link.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The routing tables of one namespace (the kernel's FIB) with the kernel's insert, delete and lookup rules.
 * Lookups walk the routing policy database ({@link RoutingRules}, the kernel's {@code fib_rules_lookup}):
 * each matching rule's table in priority order, a table without a route (or with a {@code throw} one) falling
 * through to the next rule. With Linux's three default rules the local and main tables are looked up as one
 * (longest prefix first; at equal prefixes, local routes first, then lower metrics), then the default table
 * (253) when it exists, as the kernel does while there are no custom rules. Changes come through
 * {@link IpNamespace}, which applies the kernel's checks first.
 */
public final class Fib {

    /** How many destinations {@link #lookup} remembers before it starts over. */
    private static final int DESTINATION_CACHE_SIZE = 1 << 14;
    private static final Object NO_ROUTE = new Object();
    /** What a lookup ending at a {@code prohibit} rule finds (EACCES, as a prohibit route). */
    private static final Route PROHIBITED = errorRoute(RouteType.PROHIBIT);
    /** What a lookup ending at a {@code blackhole} rule (or a reserved action) finds (EINVAL). */
    private static final Route BLACKHOLED = errorRoute(RouteType.BLACKHOLE);

    private final PrefixIndex index = new PrefixIndex();
    /**
     * The answers of recent {@link #lookup}s (no device, global scope), by destination: a route, or
     * {@link #NO_ROUTE}. Cleared by every change, so it never disagrees with the tables.
     */
    private final AddressMap<Object> destinations = new AddressMap<>();
    /** The tables that exist: none in a fresh namespace; local and main appear together, others on first use. */
    private final Set<Long> tables = new TreeSet<>();
    private boolean customLocalRoutes;
    private final RoutingRules rules = new RoutingRules();

    /** The routing policy database ({@code ip rule}). */
    public RoutingRules rules() {
        return rules;
    }

    /** Adds a rule ({@code ip rule add}); a rule's table need not exist. */
    void addRule(RoutingRule rule) {
        destinations.clear();
        rules.add(rule);
    }

    /** Deletes the first rule the selector matches ({@code ip rule del}); ENOENT when none does. */
    RoutingRule deleteRule(Predicate<RoutingRule> selector) {
        destinations.clear();
        return rules.delete(selector);
    }

    /** The ids of the tables that exist, in the order {@code ip route show table all} lists them. */
    public List<Long> tables() {
        List<Long> order = new ArrayList<>(tables);
        order.sort((a, b) -> {
            int byBucket = Long.compare(a & 255, b & 255);
            return byBucket != 0 ? byBucket : Long.compare(b, a);
        });
        return order;
    }

    /** The routes of one table in the order {@code ip route show} lists them. */
    public List<Route> routes(long table) {
        return index.all().stream().filter(r -> r.table() == table).toList();
    }

    /** Every route of every table. */
    public List<Route> routes() {
        return Collections.unmodifiableList(index.all());
    }

    /** The number of routes in all tables. */
    public int size() {
        return index.size();
    }

    /** Whether someone added a local route by hand (it makes source validation do a full lookup). */
    boolean hasCustomLocalRoutes() {
        return customLocalRoutes;
    }

    /**
     * The kernel's {@code fib_lookup} with its default rules: the local and main tables, then the default
     * table when they have no route (or a {@code throw} one). Returns the route for {@code destination}, or
     * null when there is none (network unreachable); a route of an error type (blackhole, unreachable,
     * prohibit) is returned as it is and ends the lookup.
     *
     * @param flowScope routes of a wider scope than this are skipped ({@link Scope#GLOBAL} skips none)
     * @param oif       only routes out of this device, or 0 for any
     */
    Route lookup(Ipv4Address destination, Scope flowScope, int oif) {
        return lookup(destination, flowScope, oif, Ipv4Address.ANY, RouteFlow.NONE, "lo", "");
    }

    /**
     * {@link #lookup(Ipv4Address, Scope, int)} for a flow with a source, a mark and other keys ({@link RouteFlow}),
     * the name of the device it came in on ({@code lo} for local output) and of the device the sender bound it
     * to ("" for none), which custom rules may select on. A rule whose action is an error ends the lookup: a
     * {@code prohibit} rule as a prohibit route would, {@code unreachable} as no route (ENETUNREACH), the
     * others as a blackhole route (EINVAL).
     */
    Route lookup(Ipv4Address destination, Scope flowScope, int oif, Ipv4Address source, RouteFlow flow,
            String inName, String outName) {
        if (!rules.areDefault()) {
            return lookupByRules(destination, flowScope, oif, source, flow, inName, outName);
        }
        if (oif != 0 || flowScope.value() != Scope.GLOBAL.value()) {
            return lookupUncached(destination, flowScope, oif);
        }
        Object known = destinations.get(destination.bits());
        if (known != null) {
            return known == NO_ROUTE ? null : (Route) known;
        }
        Route route = lookupUncached(destination, flowScope, 0);
        if (destinations.size() >= DESTINATION_CACHE_SIZE) {
            destinations.clear();
        }
        destinations.put(destination.bits(), route == null ? NO_ROUTE : route);
        return route;
    }

    /**
     * The kernel's {@code fib_rules_lookup} with {@code fib4_rule_action}: the first matching rule whose table
     * has a route that is not {@code throw}; {@code goto} continues at the first rule of its target priority
     * (an unresolved one is skipped), {@code nop} only matches, error actions end the lookup.
     */
    private Route lookupByRules(Ipv4Address destination, Scope flowScope, int oif, Ipv4Address source,
            RouteFlow flow, String inName, String outName) {
        RoutingRule[] all = rules.array();
        for (int i = 0; i < all.length; i++) {
            RoutingRule rule = all[i];
            if (!rule.matches(destination, source, flow, inName, outName)) {
                continue;
            }
            switch (rule.action()) {
                case TO_TABLE -> {
                    Route route = lookupIn(destination, flowScope, oif, rule.table(), false);
                    if (route != null && route.type() != RouteType.THROW) {
                        return route;
                    }
                }
                case GOTO -> {
                    int target = rules.indexOfPriority(rule.target());
                    if (target > i) {
                        i = target - 1;
                    }
                }
                case NOP -> { }
                case UNREACHABLE -> {
                    return null;
                }
                case PROHIBIT -> {
                    return PROHIBITED;
                }
                default -> {
                    return BLACKHOLED;
                }
            }
        }
        return null;
    }

    private static Route errorRoute(RouteType type) {
        return new Route(0, type, Ipv4Prefix.parse("0.0.0.0/0"), 0, RouteProtocol.BOOT, Scope.GLOBAL,
                Optional.empty(), OptionalInt.empty(), Optional.empty(), false, Scope.NOWHERE);
    }

    private Route lookupUncached(Ipv4Address destination, Scope flowScope, int oif) {
        Route main = lookupTable(destination, flowScope, oif, RouteTables.MAIN);
        if (main != null && main.type() != RouteType.THROW) {
            return main;
        }
        if (tables.contains(RouteTables.DEFAULT)) {
            Route other = lookupTable(destination, flowScope, oif, RouteTables.DEFAULT);
            return other == null || other.type() == RouteType.THROW ? null : other;
        }
        return null;
    }

    /** Whether the table exists (it had a route once, or it is main or local). */
    boolean hasTable(long table) {
        return tables.contains(table);
    }

    /**
     * {@code fib_table_lookup} on one table; the local and main tables are one (the kernel merges them
     * while there are no custom rules). Returns the route found, possibly of an error type, or null.
     */
    Route lookupTable(Ipv4Address destination, Scope flowScope, int oif, long table) {
        return lookupIn(destination, flowScope, oif, table, table == RouteTables.MAIN || table == RouteTables.LOCAL);
    }

    private Route lookupIn(Ipv4Address destination, Scope flowScope, int oif, long table, boolean merged) {
        int bits = destination.bits();
        int below = 64;
        PrefixIndex.Leaf leaf;
        while ((leaf = index.longestMatch(bits, below)) != null) {
            for (Route r : leaf.routes) {
                long t = r.table();
                boolean inTable = merged ? t == RouteTables.MAIN || t == RouteTables.LOCAL : t == table;
                if (!inTable || r.scope().compareTo(flowScope) < 0) {
                    continue;
                }
                if (r.type().isError()) {
                    return r;
                }
                if (oif != 0 && r.deviceIndex() != oif) {
                    continue;
                }
                return r;
            }
            below = leaf.prefix.length();
        }
        return null;
    }

    /**
     * The kernel's {@code fib_table_insert}.
     *
     * @return whether the table changed (a kernel-internal duplicate is silently ignored)
     * @throws NetlinkException EEXIST or ENOENT as the kernel answers
     */
    boolean insert(Route route, RouteChange change) {
        destinations.clear();
        PrefixIndex.Leaf leaf = index.leaf(route.destination());
        Route[] aliases = leaf == null ? new Route[0] : leaf.routes;
        int first = -1;
        for (int i = 0; i < aliases.length; i++) {
            if (aliases[i].table() == route.table() && aliases[i].metric() >= route.metric()) {
                first = i;
                break;
            }
        }
        int position;
        if (first >= 0 && aliases[first].metric() == route.metric()) {
            if (change.exclusive) {
                throw new NetlinkException(Errno.EEXIST);
            }
            int match = -1;
            int end = first;
            while (end < aliases.length && aliases[end].table() == route.table()
                    && aliases[end].metric() == route.metric()) {
                if (match < 0 && aliases[end].equals(route)) {
                    match = end;
                }
                end++;
            }
            if (change.replace) {
                if (match >= 0) {
                    if (match == first) {
                        return false;
                    }
                    throw new NetlinkException(Errno.EEXIST);
                }
                index.replace(aliases[first], route);
                noteTable(route);
                return true;
            }
            if (match >= 0) {
                if (change == RouteChange.KERNEL) {
                    return false;
                }
                throw new NetlinkException(Errno.EEXIST);
            }
            position = change.append ? end : first;
        } else {
            position = first >= 0 ? first : endOfTable(aliases, route.table());
        }
        if (!change.create) {
            throw new NetlinkException(Errno.ENOENT);
        }
        index.insert(route, position);
        noteTable(route);
        return true;
    }

    /**
     * The kernel's {@code fib_table_delete}: removes the first route the selector matches.
     *
     * @throws NetlinkException ESRCH when none matches
     */
    Route delete(RouteSelector selector) {
        destinations.clear();
        PrefixIndex.Leaf leaf = index.leaf(selector.destination());
        if (leaf != null) {
            for (Route r : leaf.routes) {
                if (selector.matches(r)) {
                    index.remove(r);
                    return r;
                }
            }
        }
        throw new NetlinkException(Errno.ESRCH);
    }

    /** Removes every route the predicate picks (a flush: {@code fib_flush} of dead routes, {@code ip route flush}). */
    List<Route> removeIf(Predicate<Route> doomed) {
        destinations.clear();
        List<Route> gone = index.all().stream().filter(doomed).toList();
        gone.forEach(index::remove);
        return gone;
    }

    /**
     * Creates a table without routes, as the kernel's {@code fib_new_table} does for every route added to it,
     * before it checks the route (so that a refused route still leaves its table behind).
     */
    void createTable(long table) {
        tables.add(table);
        if (table == RouteTables.LOCAL || table == RouteTables.MAIN) {
            tables.add(RouteTables.LOCAL);
            tables.add(RouteTables.MAIN);
        }
    }

    /**
     * The kernel's {@code fib_empty_table}: creates the table of the lowest id (from 1) that does not exist
     * and returns its id; a lookup rule added without a table gets it.
     */
    long createEmptyTable() {
        long id = 1;
        while (tables.contains(id)) {
            id++;
        }
        createTable(id);
        return id;
    }

    private void noteTable(Route route) {
        createTable(route.table());
        if (route.table() == RouteTables.LOCAL || route.table() == RouteTables.MAIN) {
            tables.add(RouteTables.LOCAL);
            tables.add(RouteTables.MAIN);
        }
        if (route.type() == RouteType.LOCAL && !route.protocol().equals(RouteProtocol.KERNEL)) {
            customLocalRoutes = true;
        }
    }

    /** After the routes of tables with higher or equal ids (the kernel keeps the local table's aliases first). */
    private static int endOfTable(Route[] aliases, long table) {
        int position = 0;
        for (int i = 0; i < aliases.length; i++) {
            if (aliases[i].table() >= table) {
                position = i + 1;
            }
        }
        return position;
    }
}
