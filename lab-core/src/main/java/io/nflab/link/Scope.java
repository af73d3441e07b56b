package io.nflab.link;

import java.util.Optional;

/**
 * A route or address scope, 0..255, as the kernel numbers them ({@code rt_scope_t}): how far away a
 * destination is. {@code ip} prints the names of {@code /etc/iproute2/rt_scopes} and the number otherwise.
 * Lower is wider: {@link #GLOBAL} (the kernel's "universe") &lt; {@link #SITE} &lt; {@link #LINK} &lt;
 * {@link #HOST} &lt; {@link #NOWHERE}.
 */
public record Scope(int value) implements Comparable<Scope> {
    public static final Scope GLOBAL = new Scope(0);
    public static final Scope SITE = new Scope(200);
    public static final Scope LINK = new Scope(253);
    public static final Scope HOST = new Scope(254);
    public static final Scope NOWHERE = new Scope(255);

    public Scope {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("scope out of range: " + value);
        }
    }

    public static Scope of(int value) {
        return switch (value) {
            case 0 -> GLOBAL;
            case 200 -> SITE;
            case 253 -> LINK;
            case 254 -> HOST;
            case 255 -> NOWHERE;
            default -> new Scope(value);
        };
    }

    /** A name of rt_scopes or a number 0..255 (decimal, 0x hex or 0 octal, as iproute2's get_u32 reads it). */
    public static Optional<Scope> parse(String text) {
        return switch (text) {
            case "global" -> Optional.of(GLOBAL);
            case "site" -> Optional.of(SITE);
            case "link" -> Optional.of(LINK);
            case "host" -> Optional.of(HOST);
            case "nowhere" -> Optional.of(NOWHERE);
            default -> CNumbers.parseUnsigned(text).filter(v -> v <= 255).map(v -> of((int) (long) v));
        };
    }

    /** The word {@code ip} prints: a name of rt_scopes, else the number. */
    public String displayName() {
        return switch (value) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(value);
        };
    }

    /** Whether this scope is narrower than (numerically above) {@code other}. */
    public boolean isNarrowerThan(Scope other) {
        return value > other.value;
    }

    @Override
    public int compareTo(Scope other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
