package io.nflab.routing;

/**
 * How a new route meets the routes already there: the netlink flags of {@code ip route}'s verbs
 * ({@code NLM_F_CREATE}, {@code NLM_F_EXCL}, {@code NLM_F_REPLACE}, {@code NLM_F_APPEND}).
 */
public enum RouteChange {
    /** {@code ip route add}: create; a route with the same prefix and metric is an error (File exists). */
    ADD(true, true, false, false),
    /** {@code ip route replace}: replace the first route with the same prefix and metric, or create. */
    REPLACE(true, false, true, false),
    /** {@code ip route change}: replace the first route with the same prefix and metric; none is an error. */
    CHANGE(false, false, true, false),
    /** {@code ip route append}: add after the routes with the same prefix and metric. */
    APPEND(true, false, false, true),
    /** {@code ip route prepend}: add before the routes with the same prefix and metric. */
    PREPEND(true, false, false, false),
    /** {@code ip route test}: fails with File exists when such a route exists, else with No such file. */
    TEST(false, true, false, false),
    /** What the kernel uses for the routes of addresses ({@code fib_magic}): append, and ignore duplicates. */
    KERNEL(true, false, false, true);

    final boolean create;
    final boolean exclusive;
    final boolean replace;
    final boolean append;

    RouteChange(boolean create, boolean exclusive, boolean replace, boolean append) {
        this.create = create;
        this.exclusive = exclusive;
        this.replace = replace;
        this.append = append;
    }
}
