package io.nflab.netfilter.target;

import java.util.List;
import java.util.Objects;

/**
 * {@code -j CT} (raw table): {@code --notrack}, or a template for the new connection: {@code --helper}
 * name (empty when none), conntrack zone ({@code zone}, 0 by default, for both directions or one,
 * or taken from the packet mark), the events to report ({@code --ctevents}, {@code --expevents}) and
 * a timeout policy name (empty when none).
 */
public record CtTarget(boolean notrack, String helper, int zone, ZoneDirection zoneDirection, boolean zoneFromMark,
                       List<String> ctEvents, List<String> expectationEvents, String timeout) implements Target {

    /** Which direction of the connection the zone applies to ({@code --zone}, {@code --zone-orig}, {@code --zone-reply}). */
    public enum ZoneDirection { BOTH, ORIGINAL, REPLY }

    public CtTarget {
        Objects.requireNonNull(helper, "helper");
        Objects.requireNonNull(zoneDirection, "zoneDirection");
        ctEvents = List.copyOf(ctEvents);
        expectationEvents = List.copyOf(expectationEvents);
        Objects.requireNonNull(timeout, "timeout");
        if (zone < 0 || zone > 65535) {
            throw new IllegalArgumentException("zone " + zone);
        }
    }

    /** {@code -j CT --notrack}. */
    public static CtTarget notracking() {
        return new CtTarget(true, "", 0, ZoneDirection.BOTH, false, List.of(), List.of(), "");
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
