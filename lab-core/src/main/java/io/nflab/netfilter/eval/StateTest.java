package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.StateMatch;

/** {@code -m state --state} as xt_state: INVALID without an entry, UNTRACKED when exempted. */
final class StateTest implements MatchTest {
    private final int states;
    private final boolean negated;

    StateTest(StateMatch match) {
        states = StateBits.of(match.states());
        negated = match.negated();
    }

    @Override
    public boolean test(PacketContext packet) {
        return ((states & StateBits.ofPacket(packet, false)) != 0) != negated;
    }
}
