package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.DscpMatch;
import io.nflab.netfilter.match.LengthMatch;
import io.nflab.netfilter.match.MarkMatch;
import io.nflab.netfilter.match.TosMatch;
import io.nflab.netfilter.match.TtlMatch;

/** The matches on one IP header field or the packet mark: xt_length, ipt_ttl, xt_tos, xt_dscp, xt_mark. */
final class HeaderFieldTests {
    private HeaderFieldTests() {
    }

    /** {@code -m length}: the IP total length in {@code [min, max]}. */
    record Length(int min, int max, boolean negated) implements MatchTest {
        Length(LengthMatch match) {
            this(match.min(), match.max(), match.negated());
        }

        @Override
        public boolean test(PacketContext packet) {
            return (packet.totalLength >= min && packet.totalLength <= max) != negated;
        }
    }

    /** {@code -m ttl --ttl-eq/--ttl-lt/--ttl-gt} (and {@code ! --ttl-eq}). */
    record Ttl(TtlMatch.Comparison comparison, int value) implements MatchTest {
        Ttl(TtlMatch match) {
            this(match.comparison(), match.value());
        }

        @Override
        public boolean test(PacketContext packet) {
            int ttl = packet.ttl;
            return switch (comparison) {
                case EQ -> ttl == value;
                case NE -> ttl != value;
                case LT -> ttl < value;
                case GT -> ttl > value;
            };
        }
    }

    /** {@code -m tos --tos value/mask}. */
    record Tos(int value, int mask, boolean negated) implements MatchTest {
        Tos(TosMatch match) {
            this(match.value(), match.mask(), match.negated());
        }

        @Override
        public boolean test(PacketContext packet) {
            return ((packet.tos & mask) == value) != negated;
        }
    }

    /** {@code -m dscp}: the upper six bits of the TOS byte. */
    record Dscp(int dscp, boolean negated) implements MatchTest {
        Dscp(DscpMatch match) {
            this(match.dscp(), match.negated());
        }

        @Override
        public boolean test(PacketContext packet) {
            return ((packet.tos >>> 2) == dscp) != negated;
        }
    }

    /** {@code -m mark --mark value/mask} on the packet mark. */
    record Mark(long value, long mask, boolean negated) implements MatchTest {
        Mark(MarkMatch match) {
            this(match.value(), match.mask(), match.negated());
        }

        @Override
        public boolean test(PacketContext packet) {
            return ((packet.mark & mask) == value) != negated;
        }
    }
}
