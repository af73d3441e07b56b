package io.nflab.netfilter.eval;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import java.util.Objects;

/**
 * Where in the ruleset something happened: the hook, the table, the chain, and what was met there: a
 * rule (its 1-based number in the chain), the chain's policy, the implicit return at the end of a user
 * chain, or nothing because the table has no chain at this hook. For {@link Step#POLICY} and
 * {@link Step#RETURN} the number is the chain's rule count plus one, as the kernel's TRACE numbers
 * those entries.
 */
public record Place(Hook hook, TableKind table, String chain, Step step, int number) {

    /** What was met at the place. */
    public enum Step {
        RULE("rule"),
        POLICY("policy"),
        RETURN("return"),
        /** The table has no base chain at the hook (the table does not exist or nothing created the chain). */
        NOT_HOOKED("not-hooked");

        private final String text;

        Step(String text) {
            this.text = text;
        }

        /** The word the kernel's TRACE prints: {@code rule}, {@code policy}, {@code return}. */
        public String text() {
            return text;
        }
    }

    public Place {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(step, "step");
    }

    /** Whether this is a rule, as opposed to a policy, a return or no chain. */
    public boolean isRule() {
        return step == Step.RULE;
    }

    /** {@code INPUT filter:INPUT:rule:2}: the hook, then the place as TRACE writes it. */
    @Override
    public String toString() {
        return hook + " " + table.label() + ":" + chain + ":" + step.text() + ":" + number;
    }
}
