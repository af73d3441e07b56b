package io.nflab.netfilter.eval;

import io.nflab.netfilter.AddressSpec;
import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.Rule;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.match.CommentMatch;
import io.nflab.netfilter.match.IcmpMatch;
import io.nflab.netfilter.match.IprangeMatch;
import io.nflab.netfilter.match.LengthMatch;
import io.nflab.netfilter.match.MarkMatch;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.match.MultiportMatch;
import io.nflab.netfilter.match.TcpMatch;
import io.nflab.netfilter.match.TtlMatch;
import io.nflab.netfilter.match.UdpMatch;
import io.nflab.netfilter.target.Goto;
import io.nflab.netfilter.target.Jump;
import io.nflab.netfilter.target.MarkTarget;
import io.nflab.netfilter.target.NoTarget;
import io.nflab.netfilter.target.Target;
import io.nflab.netfilter.target.Verdict;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PortTransport;
import io.nflab.packet.TcpSegment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A deliberately plain evaluator for the equivalence test: walks the model's chains rule by rule with an
 * explicit call stack, for the subset of matches and targets the random rulesets use. No compiling, no
 * indexes, nothing shared with the engine but the model.
 */
final class ReferenceEvaluator {

    /** Where the traversal ended: a decision's kind and place. */
    record Outcome(Decision.Kind kind, String chain, Place.Step step, int number) {
    }

    private final Table table;
    long mark;

    ReferenceEvaluator(Table table) {
        this.table = table;
    }

    Outcome run(Hook hook, Ipv4Packet packet, String in, String out, List<String> traces) {
        Chain base = table.builtin(hook).orElseThrow();
        Deque<int[]> returns = new ArrayDeque<>();
        Deque<Chain> callers = new ArrayDeque<>();
        Chain chain = base;
        int index = 0;
        while (true) {
            if (index >= chain.size()) {
                if (chain.isBuiltin() || callers.isEmpty()) {
                    if (!chain.isBuiltin() && traces != null) {
                        traces.add(chain.name() + ":return:" + (chain.size() + 1));
                    }
                    return policy(base, packet, traces);
                }
                if (traces != null) {
                    traces.add(chain.name() + ":return:" + (chain.size() + 1));
                }
                chain = callers.pop();
                index = returns.pop()[0];
                continue;
            }
            Rule rule = chain.rule(index);
            if (!matches(rule, packet, in, out)) {
                index++;
                continue;
            }
            chain.countRule(index, packet.totalLength());
            if (traces != null) {
                boolean tail = rule.matches().isEmpty() && rule.ip().equals(IpSpec.ANY) && rule.target() instanceof Verdict;
                String step = !tail ? "rule" : chain.isBuiltin() ? "policy" : "return";
                traces.add(chain.name() + ":" + step + ":" + (index + 1));
            }
            Target target = rule.target();
            if (target == Verdict.ACCEPT || target == Verdict.DROP) {
                return new Outcome(target == Verdict.ACCEPT ? Decision.Kind.ACCEPT : Decision.Kind.DROP, chain.name(),
                        Place.Step.RULE, index + 1);
            } else if (target == Verdict.RETURN) {
                if (callers.isEmpty()) {
                    return policy(base, packet, traces);
                }
                chain = callers.pop();
                index = returns.pop()[0];
            } else if (target instanceof Jump jump) {
                callers.push(chain);
                returns.push(new int[] {index + 1});
                chain = table.chain(jump.chain()).orElseThrow();
                index = 0;
            } else if (target instanceof Goto jumpTo) {
                chain = table.chain(jumpTo.chain()).orElseThrow();
                index = 0;
            } else if (target instanceof MarkTarget markTarget) {
                mark = (mark & ~markTarget.mask() & 0xffffffffL) ^ markTarget.value();
                index++;
            } else if (target == NoTarget.INSTANCE) {
                index++;
            } else {
                throw new IllegalArgumentException("the reference does not know " + target);
            }
        }
    }

    private Outcome policy(Chain base, Ipv4Packet packet, List<String> traces) {
        base.countPolicy(packet.totalLength());
        if (traces != null) {
            traces.add(base.name() + ":policy:" + (base.size() + 1));
        }
        boolean accept = base.policy().orElseThrow() == io.nflab.netfilter.Policy.ACCEPT;
        return new Outcome(accept ? Decision.Kind.ACCEPT : Decision.Kind.DROP, base.name(), Place.Step.POLICY,
                base.size() + 1);
    }

    private boolean matches(Rule rule, Ipv4Packet packet, String in, String out) {
        IpSpec ip = rule.ip();
        if (!address(ip.source(), packet.source().bits()) || !address(ip.destination(), packet.destination().bits())) {
            return false;
        }
        if (!ip.in().isAny() && !ip.in().matches(in) || !ip.out().isAny() && !ip.out().matches(out)) {
            return false;
        }
        int protocol = ip.protocol().value();
        if (protocol != 0 && (packet.protocol().number() == protocol) == ip.protocol().negated()) {
            return false;
        }
        boolean later = packet.header().fragmentOffset() != 0;
        if (!ip.fragment().matches(later)) {
            return false;
        }
        for (Match match : rule.matches()) {
            if (!matches(match, packet, later)) {
                return false;
            }
        }
        return true;
    }

    private static boolean address(AddressSpec spec, int address) {
        boolean equal = (address & spec.mask().bits()) == spec.address().bits();
        return equal != spec.negated();
    }

    private boolean matches(Match match, Ipv4Packet packet, boolean later) {
        if (match instanceof CommentMatch) {
            return true;
        }
        if (match instanceof TcpMatch tcp) {
            if (later || !(packet.transport() instanceof TcpSegment segment)) {
                return false;
            }
            int flags = segment.flags().bits();
            return in(tcp.sourcePorts(), segment.sourcePort()) && in(tcp.destinationPorts(), segment.destinationPort())
                    && ((flags & tcp.flags().value().mask()) == tcp.flags().value().set()) != tcp.flags().negated();
        }
        if (match instanceof UdpMatch udp) {
            if (later || !(packet.transport() instanceof PortTransport ports) || packet.protocol().number() != 17) {
                return false;
            }
            return in(udp.sourcePorts(), ports.sourcePort()) && in(udp.destinationPorts(), ports.destinationPort());
        }
        if (match instanceof IcmpMatch icmp) {
            if (later || !(packet.transport() instanceof IcmpMessage message)) {
                return false;
            }
            boolean hit = icmp.type() == 255
                    || message.type().number() == icmp.type() && message.code() >= icmp.codeMin() && message.code() <= icmp.codeMax();
            return hit != icmp.negated();
        }
        if (match instanceof MultiportMatch multiport) {
            if (later || !(packet.transport() instanceof PortTransport ports)) {
                return false;
            }
            for (PortRange range : multiport.ports()) {
                boolean source = range.contains(ports.sourcePort());
                boolean destination = range.contains(ports.destinationPort());
                boolean hit = switch (multiport.direction()) {
                    case SOURCE -> source;
                    case DESTINATION -> destination;
                    case EITHER -> source || destination;
                };
                if (hit) {
                    return !multiport.negated();
                }
            }
            return multiport.negated();
        }
        if (match instanceof MarkMatch markMatch) {
            return ((mark & markMatch.mask()) == markMatch.value()) != markMatch.negated();
        }
        if (match instanceof IprangeMatch iprange) {
            boolean sourceOk = iprange.source().map(r -> r.value().contains(packet.source()) != r.negated()).orElse(true);
            boolean destinationOk = iprange.destination()
                    .map(r -> r.value().contains(packet.destination()) != r.negated()).orElse(true);
            return sourceOk && destinationOk;
        }
        if (match instanceof LengthMatch length) {
            int total = packet.totalLength();
            return (total >= length.min() && total <= length.max()) != length.negated();
        }
        if (match instanceof TtlMatch ttl) {
            return switch (ttl.comparison()) {
                case EQ -> packet.ttl() == ttl.value();
                case NE -> packet.ttl() != ttl.value();
                case LT -> packet.ttl() < ttl.value();
                case GT -> packet.ttl() > ttl.value();
            };
        }
        throw new IllegalArgumentException("the reference does not know " + match);
    }

    private static boolean in(Negatable<PortRange> range, int port) {
        return range.value().contains(port) != range.negated();
    }
}
