package io.nflab.link;

/** The states of a neighbour entry ({@code NUD_*}), named as {@code ip neigh} prints them. */
public enum NudState {
    /** Resolution under way: ARP requests are being broadcast, packets wait. */
    INCOMPLETE,
    /** Confirmed recently: packets go straight out. */
    REACHABLE,
    /** The MAC is known but not confirmed lately: packets go out, and the next one starts a check. */
    STALE,
    /** A packet went out to a stale entry: waiting a little for a confirmation before probing. */
    DELAY,
    /** Unicast ARP requests check the entry; packets still go out. */
    PROBE,
    /** Resolution failed: the waiting packets got "host unreachable". */
    FAILED,
    /** No resolution needed (broadcast or multicast address, or a device without ARP). */
    NOARP,
    /** Set by the administrator ({@code ip neigh add}); never changes by itself. */
    PERMANENT,
    /** Created but not used yet. */
    NONE;

    /** The kernel's {@code NUD_VALID}: the entry has a usable MAC. */
    public boolean isValid() {
        return this == REACHABLE || this == STALE || this == DELAY || this == PROBE || this == NOARP
                || this == PERMANENT;
    }

    /** The kernel's {@code NUD_CONNECTED}: packets go out without any check. */
    public boolean isConnected() {
        return this == REACHABLE || this == NOARP || this == PERMANENT;
    }

    /** The kernel's {@code NUD_IN_TIMER}: the entry has a running timer. */
    public boolean hasTimer() {
        return this == INCOMPLETE || this == REACHABLE || this == DELAY || this == PROBE;
    }
}
