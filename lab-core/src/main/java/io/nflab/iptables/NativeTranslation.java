package io.nflab.iptables;

import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.match.TcpFlagTest;
import io.nflab.netfilter.match.TcpMatch;
import io.nflab.netfilter.match.UdpMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's matches as the nf_tables backend stores them and reads them back (iptables 1.8.9, {@code nft.c}
 * {@code add_nft_tcp}/{@code add_nft_udp} and {@code nft-shared.c}'s payload parsing). Port and TCP flag tests
 * become native payload expressions, and reading a rule back rebuilds <em>one</em> {@code tcp} (or {@code udp})
 * match per rule, where the first one was, from all of them: {@code -m tcp --dport 22 -m tcp --syn} is listed
 * as {@code -m tcp --dport 22 --tcp-flags FIN,SYN,RST,ACK SYN}. A negated range starting at 0 is stored as a
 * "greater than" comparison ({@code expr_gen_range_cmp16}) and read back as the complementary range:
 * {@code ! --dport 0:100} is listed as {@code --dport 101:65535} (a single port stays a negated comparison).
 * The rewrites keep what the rule matches.
 *
 * <p>Matches the backend keeps as compat {@code xt} matches ({@code --tcp-option}, a bare {@code -m tcp}) are
 * left alone, and so
 * are matches that test the same field twice (the backend would keep only the last value when reading
 * back, though the kernel tests both).
 */
final class NativeTranslation {
    private NativeTranslation() {
    }

    /** The matches as {@code iptables-save} lists them after the rule went through the kernel. */
    static List<Match> apply(List<Match> matches) {
        List<Match> out = new ArrayList<>();
        int tcpAt = -1;
        int udpAt = -1;
        for (Match match : matches) {
            if (match instanceof TcpMatch tcp && isNative(tcp)) {
                TcpMatch read = readBack(tcp);
                if (tcpAt >= 0 && disjoint((TcpMatch) out.get(tcpAt), read)) {
                    out.set(tcpAt, merge((TcpMatch) out.get(tcpAt), read));
                    continue;
                }
                tcpAt = tcpAt >= 0 ? tcpAt : out.size();
                out.add(read);
            } else if (match instanceof UdpMatch udp && !udp.equals(UdpMatch.ANY)) {
                UdpMatch read = new UdpMatch(readBack(udp.sourcePorts()), readBack(udp.destinationPorts()));
                if (udpAt >= 0 && disjoint((UdpMatch) out.get(udpAt), read)) {
                    UdpMatch first = (UdpMatch) out.get(udpAt);
                    out.set(udpAt, new UdpMatch(either(first.sourcePorts(), read.sourcePorts()),
                            either(first.destinationPorts(), read.destinationPorts())));
                    continue;
                }
                udpAt = udpAt >= 0 ? udpAt : out.size();
                out.add(read);
            } else {
                out.add(match);
            }
        }
        return out;
    }

    private static boolean isNative(TcpMatch tcp) {
        return !tcp.equals(TcpMatch.ANY) && tcp.option().value() == 0 && !tcp.option().negated();
    }

    private static TcpMatch readBack(TcpMatch tcp) {
        return new TcpMatch(readBack(tcp.sourcePorts()), readBack(tcp.destinationPorts()), tcp.flags(), tcp.option());
    }

    /** {@code ! 0:N} is stored as {@code > N}, which reads back as {@code N+1:65535}. */
    private static Negatable<PortRange> readBack(Negatable<PortRange> ports) {
        PortRange range = ports.value();
        if (ports.negated() && range.first() == 0 && !range.isSingle() && range.last() < PortRange.ALL.last()) {
            return Negatable.of(new PortRange(range.last() + 1, PortRange.ALL.last()));
        }
        return ports;
    }

    private static boolean disjoint(TcpMatch a, TcpMatch b) {
        return (unset(a.sourcePorts()) || unset(b.sourcePorts()))
                && (unset(a.destinationPorts()) || unset(b.destinationPorts()))
                && (unset(a.flags()) || unset(b.flags()));
    }

    private static boolean disjoint(UdpMatch a, UdpMatch b) {
        return (unset(a.sourcePorts()) || unset(b.sourcePorts()))
                && (unset(a.destinationPorts()) || unset(b.destinationPorts()));
    }

    private static TcpMatch merge(TcpMatch a, TcpMatch b) {
        return new TcpMatch(either(a.sourcePorts(), b.sourcePorts()),
                either(a.destinationPorts(), b.destinationPorts()),
                unset(a.flags()) ? b.flags() : a.flags(), a.option());
    }

    private static Negatable<PortRange> either(Negatable<PortRange> a, Negatable<PortRange> b) {
        return unset(a) ? b : a;
    }

    private static boolean unset(Negatable<?> value) {
        if (value.negated()) {
            return false;
        }
        return value.value() instanceof PortRange range ? range.isAll()
                : value.value() instanceof TcpFlagTest flags && flags.mask() == 0;
    }
}
