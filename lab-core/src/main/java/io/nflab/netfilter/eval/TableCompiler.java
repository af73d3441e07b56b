package io.nflab.netfilter.eval;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Rule;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.match.AddrtypeMatch;
import io.nflab.netfilter.match.CommentMatch;
import io.nflab.netfilter.match.ConnlimitMatch;
import io.nflab.netfilter.match.ConnmarkMatch;
import io.nflab.netfilter.match.ConntrackMatch;
import io.nflab.netfilter.match.DscpMatch;
import io.nflab.netfilter.match.IcmpMatch;
import io.nflab.netfilter.match.IprangeMatch;
import io.nflab.netfilter.match.LengthMatch;
import io.nflab.netfilter.match.LimitMatch;
import io.nflab.netfilter.match.MacMatch;
import io.nflab.netfilter.match.MarkMatch;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.match.MultiportMatch;
import io.nflab.netfilter.match.OwnerMatch;
import io.nflab.netfilter.match.PkttypeMatch;
import io.nflab.netfilter.match.RecentMatch;
import io.nflab.netfilter.match.SctpMatch;
import io.nflab.netfilter.match.StateMatch;
import io.nflab.netfilter.match.TcpMatch;
import io.nflab.netfilter.match.TosMatch;
import io.nflab.netfilter.match.TtlMatch;
import io.nflab.netfilter.match.UdpMatch;
import io.nflab.netfilter.target.AuditTarget;
import io.nflab.netfilter.target.ClassifyTarget;
import io.nflab.netfilter.target.ConnmarkTarget;
import io.nflab.netfilter.target.CtTarget;
import io.nflab.netfilter.target.DscpTarget;
import io.nflab.netfilter.target.Goto;
import io.nflab.netfilter.target.Jump;
import io.nflab.netfilter.target.LogTarget;
import io.nflab.netfilter.target.MarkTarget;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatTarget;
import io.nflab.netfilter.target.NfqueueTarget;
import io.nflab.netfilter.target.NoTarget;
import io.nflab.netfilter.target.NotrackTarget;
import io.nflab.netfilter.target.RedirectTarget;
import io.nflab.netfilter.target.RejectTarget;
import io.nflab.netfilter.target.Target;
import io.nflab.netfilter.target.TosTarget;
import io.nflab.netfilter.target.TraceTarget;
import io.nflab.netfilter.target.TtlTarget;
import io.nflab.netfilter.target.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compiles one {@link Table} of the model into a {@link CompiledTable}: rules, matches, targets, indexes. */
final class TableCompiler {
    private final Table table;
    private final EngineEnvironment environment;
    private final RecentTables recentTables;
    private final RuleStates previousStates;
    private final RuleStates states = new RuleStates();
    private final List<RecentMatch> recentMatches = new ArrayList<>();

    private TableCompiler(Table table, EngineEnvironment environment, RecentTables recentTables,
                          RuleStates previousStates) {
        this.table = table;
        this.environment = environment;
        this.recentTables = recentTables;
        this.previousStates = previousStates;
    }

    /** {@code previous} is the table's last compiled form (its rule states carry over), or null. */
    static CompiledTable compile(Table table, EngineEnvironment environment, RecentTables recentTables,
                                 CompiledTable previous) {
        return new TableCompiler(table, environment, recentTables, previous == null ? null : previous.states)
                .compile();
    }

    private CompiledTable compile() {
        Map<String, CompiledChain> chains = new HashMap<>();
        List<Chain> models = table.chains();
        for (Chain chain : models) {
            chains.put(chain.name(), new CompiledChain(chain, table.kind()));
        }
        for (Chain chain : models) {
            CompiledChain compiled = chains.get(chain.name());
            CompiledRule[] rules = new CompiledRule[chain.size()];
            for (int i = 0; i < rules.length; i++) {
                rules[i] = rule(compiled, i, chain.rule(i));
                Target target = chain.rule(i).target();
                if (target instanceof Jump || target instanceof Goto) {
                    String name = target.jumpsTo().orElseThrow();
                    rules[i].target = chains.get(name);
                    if (rules[i].target == null || rules[i].target.builtin) {
                        throw new IllegalStateException("rule " + (i + 1) + " of " + table.kind().label() + " "
                                + chain.name() + " jumps to " + name + ", which is not a user chain of the table");
                    }
                }
            }
            compiled.rules = rules;
            compiled.index = CandidateIndex.build(rules);
        }
        CompiledChain[] base = new CompiledChain[Hook.values().length];
        for (Hook hook : table.kind().builtinChains()) {
            if (table.isRegistered(hook)) {
                base[hook.ordinal()] = chains.get(table.builtin(hook).orElseThrow().name());
            }
        }
        return new CompiledTable(table, table.revision(), base, List.copyOf(recentMatches), states);
    }

    private CompiledRule rule(CompiledChain chain, int index, Rule rule) {
        List<MatchTest> tests = new ArrayList<>();
        for (int i = 0; i < rule.matches().size(); i++) {
            MatchTest test = match(rule, i);
            if (test != null) {
                tests.add(test);
            }
        }
        Target target = rule.target();
        CompiledRule.Control control = control(target);
        Effect effect = control == CompiledRule.Control.EFFECT ? effect(target) : null;
        return new CompiledRule(index, rule, tests.toArray(new MatchTest[0]), control, effect,
                traceStep(chain, rule, control));
    }

    private MatchTest match(Rule rule, int index) {
        Match match = rule.matches().get(index);
        if (match instanceof TcpMatch tcp) {
            return new TcpTest(tcp);
        } else if (match instanceof UdpMatch udp) {
            return new UdpTest(udp);
        } else if (match instanceof IcmpMatch icmp) {
            return new IcmpTest(icmp);
        } else if (match instanceof MultiportMatch multiport) {
            return new MultiportTest(multiport);
        } else if (match instanceof StateMatch state) {
            return new StateTest(state);
        } else if (match instanceof ConntrackMatch conntrack) {
            return new ConntrackTest(conntrack);
        } else if (match instanceof MarkMatch mark) {
            return new HeaderFieldTests.Mark(mark);
        } else if (match instanceof ConnmarkMatch connmark) {
            return new ConnmarkTest(connmark);
        } else if (match instanceof CommentMatch) {
            return null;
        } else if (match instanceof IprangeMatch iprange) {
            return new IprangeTest(iprange);
        } else if (match instanceof MacMatch mac) {
            return new MacTest(mac);
        } else if (match instanceof LimitMatch limit) {
            return new LimitTest(states.state(rule, index, TokenBucket.class, previousStates,
                    () -> TokenBucket.create(limit, environment.limitAlgorithm())));
        } else if (match instanceof RecentMatch recent) {
            recentMatches.add(recent);
            return new RecentTest(recent, recentTables);
        } else if (match instanceof ConnlimitMatch connlimit) {
            @SuppressWarnings("unchecked")
            IntMap<List<ConnlimitTest.Connection>> lists = states.state(rule, index, IntMap.class, previousStates,
                    IntMap::new);
            return new ConnlimitTest(connlimit, environment.connections(), lists);
        } else if (match instanceof TosMatch tos) {
            return new HeaderFieldTests.Tos(tos);
        } else if (match instanceof DscpMatch dscp) {
            return new HeaderFieldTests.Dscp(dscp);
        } else if (match instanceof TtlMatch ttl) {
            return new HeaderFieldTests.Ttl(ttl);
        } else if (match instanceof LengthMatch length) {
            return new HeaderFieldTests.Length(length);
        } else if (match instanceof AddrtypeMatch addrtype) {
            return new AddrtypeTest(addrtype, environment.addressTypes());
        } else if (match instanceof PkttypeMatch pkttype) {
            return new PkttypeTest(pkttype);
        } else if (match instanceof OwnerMatch owner) {
            return new OwnerTest(owner);
        } else if (match instanceof SctpMatch sctp) {
            return new SctpTest(sctp);
        }
        throw new IllegalStateException("no evaluation for match " + match);
    }

    private static CompiledRule.Control control(Target target) {
        if (target == Verdict.ACCEPT) {
            return CompiledRule.Control.ACCEPT;
        } else if (target == Verdict.DROP) {
            return CompiledRule.Control.DROP;
        } else if (target == Verdict.RETURN) {
            return CompiledRule.Control.RETURN;
        } else if (target instanceof Jump) {
            return CompiledRule.Control.JUMP;
        } else if (target instanceof Goto) {
            return CompiledRule.Control.GOTO;
        } else if (target instanceof RejectTarget) {
            return CompiledRule.Control.REJECT;
        } else if (target instanceof NatTarget || target instanceof MasqueradeTarget
                || target instanceof RedirectTarget) {
            return CompiledRule.Control.NAT;
        } else if (target instanceof NfqueueTarget) {
            return CompiledRule.Control.QUEUE;
        } else if (target == NoTarget.INSTANCE) {
            return CompiledRule.Control.CONTINUE;
        }
        return CompiledRule.Control.EFFECT;
    }

    private Effect effect(Target target) {
        if (target instanceof LogTarget log) {
            return new Effects.Log(log, environment.log());
        } else if (target instanceof MarkTarget mark) {
            return new Effects.Mark(mark);
        } else if (target instanceof ConnmarkTarget connmark) {
            return new Effects.Connmark(connmark);
        } else if (target instanceof TosTarget tos) {
            return new Effects.Tos(tos);
        } else if (target instanceof TtlTarget ttl) {
            return new Effects.Ttl(ttl);
        } else if (target instanceof DscpTarget dscp) {
            return new Effects.Dscp(dscp);
        } else if (target == NotrackTarget.INSTANCE) {
            return Effects.Notrack.INSTANCE;
        } else if (target instanceof CtTarget ct) {
            return new Effects.Ct(ct);
        } else if (target == TraceTarget.INSTANCE) {
            return Effects.Trace.INSTANCE;
        } else if (target instanceof ClassifyTarget classify) {
            return new Effects.Classify(classify);
        } else if (target instanceof AuditTarget) {
            return new Effects.Audit(environment.log());
        }
        throw new IllegalStateException("no evaluation for target " + target);
    }

    /**
     * ip_tables' TRACE calls an entry without matches and with an unconditional IP part whose target is a
     * standard verdict (ACCEPT, DROP, RETURN) a chain's tail: "policy" in a built-in chain, "return" in a
     * user chain, even when the user wrote it.
     */
    private static Place.Step traceStep(CompiledChain chain, Rule rule, CompiledRule.Control control) {
        boolean verdict = control == CompiledRule.Control.ACCEPT || control == CompiledRule.Control.DROP
                || control == CompiledRule.Control.RETURN;
        if (verdict && rule.matches().isEmpty() && rule.ip().equals(IpSpec.ANY)) {
            return chain.builtin ? Place.Step.POLICY : Place.Step.RETURN;
        }
        return Place.Step.RULE;
    }
}
