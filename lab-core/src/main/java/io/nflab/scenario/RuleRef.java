package io.nflab.scenario;

/** A place in a chain: a rule by its number (1-based, as {@code --line-numbers} shows) or the chain's policy. */
public sealed interface RuleRef permits RuleRef.Numbered, RuleRef.Policy {

    /** Rule number {@code number} of the chain. */
    record Numbered(int number) implements RuleRef {
        public Numbered {
            if (number < 1) {
                throw new IllegalArgumentException("rule numbers start at 1: " + number);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(number);
        }
    }

    /** The policy of a built-in chain. */
    record Policy() implements RuleRef {
        @Override
        public String toString() {
            return "policy";
        }
    }
}
