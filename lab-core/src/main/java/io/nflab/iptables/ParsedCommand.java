package io.nflab.iptables;

import io.nflab.netfilter.PacketCounters;
import io.nflab.netfilter.Rule;
import java.util.List;

/**
 * One parsed iptables command line: the command bits ({@link Command#bit()}), its chain, rule number
 * (0 when none), new name, policy, table, the listing flags, the rules it names (one per
 * source × destination address; empty for commands without a rule) and the {@code -c} counters.
 */
record ParsedCommand(int commands, String chain, int ruleNumber, String newName, String policy, String table,
                     boolean verbose, boolean numeric, boolean exact, boolean lineNumbers,
                     List<Rule> rules, PacketCounters counters) {

    ParsedCommand {
        rules = List.copyOf(rules);
    }

    boolean is(Command command) {
        return (commands & command.bit()) != 0;
    }
}
