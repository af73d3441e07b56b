package io.nflab.netfilter.eval;

import io.nflab.netfilter.AddressSpec;
import io.nflab.netfilter.FragmentSpec;
import io.nflab.netfilter.InterfaceSpec;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Rule;

/**
 * A rule ready for evaluation: the IP part as primitive fields (ip_tables' {@code ip_packet_match}),
 * its matches as {@link MatchTest}s in rule order, and what its target does ({@link Control}).
 */
final class CompiledRule {

    /** What happens once the rule matched (and its counter counted). */
    enum Control {
        /** No target: on to the next rule. */
        CONTINUE,
        /** A non-terminating target: apply {@link #effect}, then the next rule. */
        EFFECT,
        ACCEPT,
        DROP,
        RETURN,
        JUMP,
        GOTO,
        REJECT,
        NAT,
        /** NFQUEUE: no program reads the queue, so the packet is dropped, or goes on with --queue-bypass. */
        QUEUE;
    }

    final int index;
    final Rule rule;
    private final boolean testSource;
    private final AddressSpec source;
    private final boolean testDestination;
    private final AddressSpec destination;
    private final boolean testIn;
    private final InterfaceSpec in;
    private final boolean testOut;
    private final InterfaceSpec out;
    private final int protocol;
    private final boolean protocolNegated;
    private final FragmentSpec fragment;
    private final MatchTest[] tests;
    final Control control;
    final Effect effect;
    /** How TRACE names this rule when it matches (RULE, or POLICY/RETURN for an unconditional verdict). */
    final Place.Step traceStep;
    /** The chain of a JUMP or GOTO, set once every chain of the table is compiled. */
    CompiledChain target;

    CompiledRule(int index, Rule rule, MatchTest[] tests, Control control, Effect effect, Place.Step traceStep) {
        this.index = index;
        this.rule = rule;
        IpSpec ip = rule.ip();
        source = ip.source();
        testSource = !source.isAny();
        destination = ip.destination();
        testDestination = !destination.isAny();
        in = ip.in();
        testIn = !in.isAny();
        out = ip.out();
        testOut = !out.isAny();
        protocol = ip.protocol().value();
        protocolNegated = ip.protocol().negated();
        fragment = ip.fragment();
        this.tests = tests;
        this.control = control;
        this.effect = effect;
        this.traceStep = traceStep;
    }

    boolean matches(PacketContext packet) {
        if (testSource && !source.matches(packet.source)) {
            return false;
        }
        if (testDestination && !destination.matches(packet.destination)) {
            return false;
        }
        if (testIn && !in.matches(packet.inputInterface)) {
            return false;
        }
        if (testOut && !out.matches(packet.outputInterface)) {
            return false;
        }
        if (protocol != 0 && (packet.protocol == protocol) == protocolNegated) {
            return false;
        }
        if (fragment != FragmentSpec.ANY && !fragment.matches(packet.fragmentOffset != 0)) {
            return false;
        }
        for (MatchTest test : tests) {
            if (!test.test(packet)) {
                return false;
            }
        }
        return true;
    }
}
