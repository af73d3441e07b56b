package io.nflab.iptables;

import io.nflab.netfilter.match.CtState;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The state lists of the state and conntrack matches: parsing (prefixes, any case) and printing. */
public final class Conntracks {
    /** The order iptables tests prefixes in. */
    private static final List<CtState> PARSE_ORDER = List.of(CtState.INVALID, CtState.NEW, CtState.ESTABLISHED,
            CtState.RELATED, CtState.UNTRACKED, CtState.SNAT, CtState.DNAT);

    private Conntracks() {
    }

    /** One word: the first state (in iptables' order) it is a case-insensitive prefix of, among {@code allowed}. */
    public static CtState state(String word, Set<CtState> allowed) {
        String upper = word.toUpperCase(Locale.ROOT);
        for (CtState state : PARSE_ORDER) {
            if (allowed.contains(state) && state.name().startsWith(upper)) {
                return state;
            }
        }
        return null;
    }

    /** A comma list; {@code error} builds the message for the offending rest of the text. */
    public static Set<CtState> states(String text, Set<CtState> allowed, java.util.function.Function<String, IptablesException> error) {
        Set<CtState> states = EnumSet.noneOf(CtState.class);
        String rest = text;
        int comma;
        while ((comma = rest.indexOf(',')) >= 0) {
            CtState state = comma == 0 ? null : state(rest.substring(0, comma), allowed);
            if (state == null) {
                throw error.apply(rest);
            }
            states.add(state);
            rest = rest.substring(comma + 1);
        }
        CtState state = rest.isEmpty() ? null : state(rest, allowed);
        if (state == null) {
            throw error.apply(rest);
        }
        states.add(state);
        return states;
    }

    /** States in print order, comma-separated. */
    public static String format(Set<CtState> states) {
        StringBuilder out = new StringBuilder();
        for (CtState state : CtState.values()) {
            if (states.contains(state)) {
                out.append(out.length() > 0 ? "," : "").append(state.name());
            }
        }
        return out.toString();
    }
}
