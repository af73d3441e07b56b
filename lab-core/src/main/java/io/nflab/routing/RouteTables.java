package io.nflab.routing;

import io.nflab.link.CNumbers;
import java.util.Optional;

/** Routing table ids (1..2^32-1) and their names: 253 {@code default}, 254 {@code main}, 255 {@code local}. */
public final class RouteTables {
    public static final long DEFAULT = 253;
    public static final long MAIN = 254;
    public static final long LOCAL = 255;

    private RouteTables() {
    }

    /** A table name or number as {@code ip route ... table T} takes it (not {@code all}); empty when invalid. */
    public static Optional<Long> parse(String text) {
        return switch (text) {
            case "default" -> Optional.of(DEFAULT);
            case "main" -> Optional.of(MAIN);
            case "local" -> Optional.of(LOCAL);
            case "unspec" -> Optional.of(0L);
            default -> CNumbers.parseUnsigned(text);
        };
    }

    /** The word {@code ip route} prints after {@code table}. */
    public static String name(long table) {
        if (table == DEFAULT) {
            return "default";
        }
        if (table == MAIN) {
            return "main";
        }
        if (table == LOCAL) {
            return "local";
        }
        return Long.toString(table);
    }
}
