package io.nflab.netfilter;

/** {@code -f}: whether a rule tests for non-first fragments. */
public enum FragmentSpec {
    /** No {@code -f}: every packet. */
    ANY,
    /** {@code -f}: second and further fragments only (fragment offset non-zero). */
    NON_FIRST_FRAGMENTS,
    /** {@code ! -f}: unfragmented packets and first fragments. */
    NOT_NON_FIRST_FRAGMENTS;

    public boolean matches(boolean nonFirstFragment) {
        return switch (this) {
            case ANY -> true;
            case NON_FIRST_FRAGMENTS -> nonFirstFragment;
            case NOT_NON_FIRST_FRAGMENTS -> !nonFirstFragment;
        };
    }
}
