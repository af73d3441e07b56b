package io.nflab.netfilter.match;

/**
 * A match extension of a rule ({@code -m NAME …}), one immutable record per extension. The model
 * holds what the kernel holds; parsing and printing live in {@code io.nflab.iptables} (one
 * extension class per match), evaluation in the packet path.
 */
public sealed interface Match permits TcpMatch, UdpMatch, IcmpMatch, MultiportMatch, StateMatch,
        ConntrackMatch, MarkMatch, ConnmarkMatch, CommentMatch, IprangeMatch, MacMatch, LimitMatch,
        RecentMatch, ConnlimitMatch, TosMatch, DscpMatch, TtlMatch, LengthMatch, AddrtypeMatch,
        PkttypeMatch, OwnerMatch, SctpMatch {
}
