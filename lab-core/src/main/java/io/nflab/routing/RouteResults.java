package io.nflab.routing;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The lookup results of routes, computed once per route and configuration so that a lookup in steady state
 * allocates nothing: what a locally generated packet gets, and what a forwarded one gets (with and without
 * an ICMP redirect) or a local one. Cleared whenever the namespace's configuration or sysctls change.
 */
final class RouteResults {

    /** The results of one route. */
    static final class Entry {
        OutputRoute output;
        InputRoute.Forward forward;
        InputRoute.Forward forwardWithRedirect;
        InputRoute.Local local;
    }

    private final Map<Route, Entry> entries = new IdentityHashMap<>();
    private long generation = -1;
    private long sysctlVersion = -1;

    /** The entry of {@code route}, after clearing everything if the configuration changed since. */
    Entry of(Route route, long currentGeneration, long currentSysctlVersion) {
        if (currentGeneration != generation || currentSysctlVersion != sysctlVersion) {
            entries.clear();
            generation = currentGeneration;
            sysctlVersion = currentSysctlVersion;
        }
        Entry entry = entries.get(route);
        if (entry == null) {
            entry = new Entry();
            entries.put(route, entry);
        }
        return entry;
    }
}
