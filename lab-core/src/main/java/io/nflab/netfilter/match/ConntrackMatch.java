package io.nflab.netfilter.match;

import io.nflab.netfilter.AddressSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code -m conntrack}: tests on the packet's connection, each optional and each with its own {@code !}:
 * {@code --ctstate}, {@code --ctproto}, original/reply source/destination addresses and ports,
 * {@code --ctstatus} (bits as {@link #EXPECTED} …), {@code --ctexpire} seconds, {@code --ctdir}.
 */
public record ConntrackMatch(
        Optional<Negatable<Set<CtState>>> state,
        Optional<Negatable<Integer>> protocol,
        Optional<AddressSpec> originalSource,
        Optional<AddressSpec> originalDestination,
        Optional<AddressSpec> replySource,
        Optional<AddressSpec> replyDestination,
        Optional<Negatable<PortRange>> originalSourcePort,
        Optional<Negatable<PortRange>> originalDestinationPort,
        Optional<Negatable<PortRange>> replySourcePort,
        Optional<Negatable<PortRange>> replyDestinationPort,
        Optional<Negatable<Integer>> status,
        Optional<Negatable<ExpireRange>> expire,
        Optional<Direction> direction) implements Match {

    public static final int EXPECTED = 1;
    public static final int SEEN_REPLY = 2;
    public static final int ASSURED = 4;
    public static final int CONFIRMED = 8;

    /** {@code --ctdir}: the packet's direction in its connection. */
    public enum Direction { ORIGINAL, REPLY }

    /** {@code --ctexpire MIN[:MAX]}: remaining lifetime in seconds. */
    public record ExpireRange(long min, long max) {
    }

    public ConntrackMatch {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(originalSource, "originalSource");
        Objects.requireNonNull(originalDestination, "originalDestination");
        Objects.requireNonNull(replySource, "replySource");
        Objects.requireNonNull(replyDestination, "replyDestination");
        Objects.requireNonNull(originalSourcePort, "originalSourcePort");
        Objects.requireNonNull(originalDestinationPort, "originalDestinationPort");
        Objects.requireNonNull(replySourcePort, "replySourcePort");
        Objects.requireNonNull(replyDestinationPort, "replyDestinationPort");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expire, "expire");
        Objects.requireNonNull(direction, "direction");
        state = state.map(s -> new Negatable<>(Set.copyOf(s.value()), s.negated()));
    }
}
