package io.nflab.netfilter.eval;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Policy;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.NfqueueTarget;

/**
 * A chain ready for evaluation: its compiled rules, the index that yields the candidate rules for a
 * packet, and the decisions its rules and policy produce, made once per hook and then shared.
 */
final class CompiledChain {
    final Chain model;
    final TableKind table;
    final String name;
    final boolean builtin;
    private final Policy policy;
    CompiledRule[] rules;
    CandidateIndex index;
    private final Decision[][] decisions = new Decision[Hook.values().length][];

    CompiledChain(Chain model, TableKind table) {
        this.model = model;
        this.table = table;
        this.name = model.name();
        this.builtin = model.isBuiltin();
        this.policy = model.policy().orElse(null);
    }

    /** The decision of rule {@code index} (which decides) at {@code hook}. */
    Decision ruleDecision(Hook hook, int index) {
        Decision[] cache = cache(hook);
        Decision decision = cache[index];
        if (decision == null) {
            CompiledRule rule = rules[index];
            Decision.Kind kind = switch (rule.control) {
                case ACCEPT -> Decision.Kind.ACCEPT;
                case DROP -> Decision.Kind.DROP;
                case REJECT -> Decision.Kind.REJECT;
                case NAT -> Decision.Kind.NAT;
                case QUEUE -> ((NfqueueTarget) rule.rule.target()).bypass() ? Decision.Kind.ACCEPT : Decision.Kind.DROP;
                default -> throw new IllegalStateException("rule " + (index + 1) + " of " + name + " does not decide");
            };
            decision = new Decision(kind, place(hook, Place.Step.RULE, index + 1), rule.rule.target());
            cache[index] = decision;
        }
        return decision;
    }

    /** The decision of this built-in chain's policy at {@code hook}. */
    Decision policyDecision(Hook hook) {
        Decision[] cache = cache(hook);
        Decision decision = cache[rules.length];
        if (decision == null) {
            Decision.Kind kind = policy == Policy.DROP ? Decision.Kind.DROP : Decision.Kind.ACCEPT;
            decision = new Decision(kind, place(hook, Place.Step.POLICY, rules.length + 1), null);
            cache[rules.length] = decision;
        }
        return decision;
    }

    Place place(Hook hook, Place.Step step, int number) {
        return new Place(hook, table, name, step, number);
    }

    private Decision[] cache(Hook hook) {
        Decision[] cache = decisions[hook.ordinal()];
        if (cache == null) {
            cache = new Decision[rules.length + 1];
            decisions[hook.ordinal()] = cache;
        }
        return cache;
    }
}
