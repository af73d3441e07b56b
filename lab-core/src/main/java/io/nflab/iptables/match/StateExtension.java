package io.nflab.iptables.match;

import io.nflab.iptables.Conntracks;
import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.CtState;
import io.nflab.netfilter.match.StateMatch;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code -m state [!] --state LIST} (the conntrack match under its old name). */
public final class StateExtension implements MatchExtension<StateMatch> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("state", 0));
    private static final Set<CtState> STATES = EnumSet.of(CtState.INVALID, CtState.NEW, CtState.ESTABLISHED,
            CtState.RELATED, CtState.UNTRACKED);

    @Override
    public String name() {
        return "state";
    }

    @Override
    public Class<StateMatch> type() {
        return StateMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<StateMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("state", OPTIONS, 0) {
            private StateMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                Set<CtState> states = EnumSet.noneOf(CtState.class);
                String rest = argument;
                int comma;
                while ((comma = rest.indexOf(',')) >= 0) {
                    CtState state = comma == 0 ? null : Conntracks.state(rest.substring(0, comma), STATES);
                    if (state == null) {
                        throw IptablesException.parameter("Bad state \"" + rest + "\"");
                    }
                    states.add(state);
                    rest = rest.substring(comma + 1);
                }
                if (rest.isEmpty()) {
                    throw IptablesException.parameter("\"--state\" requires a list of states with no spaces, "
                            + "e.g. ESTABLISHED,RELATED");
                }
                CtState state = Conntracks.state(rest, STATES);
                if (state == null) {
                    throw IptablesException.parameter("Bad state \"" + rest + "\"");
                }
                states.add(state);
                match = new StateMatch(states, inverted);
            }

            @Override
            public StateMatch finish() {
                if (match == null) {
                    throw IptablesException.parameter("state: option \"--state\" must be specified\n");
                }
                return match;
            }
        };
    }

    @Override
    public void save(StateMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" --state ").append(Conntracks.format(match.states()));
    }

    @Override
    public void print(StateMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" state ").append(Conntracks.format(match.states()));
    }
}
