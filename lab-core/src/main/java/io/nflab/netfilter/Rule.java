package io.nflab.netfilter;

import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.target.Target;
import java.util.List;
import java.util.Objects;

/**
 * One rule: the IP-level spec, the matches in the order they were given, and the target.
 * Immutable and compared by value, which is how {@code iptables -D}/{@code -C} find a rule by
 * its specification. Counters are not part of a rule: its {@link Chain} keeps them by position.
 */
public record Rule(IpSpec ip, List<Match> matches, Target target) {

    public Rule {
        Objects.requireNonNull(ip, "ip");
        matches = List.copyOf(matches);
        Objects.requireNonNull(target, "target");
    }
}
