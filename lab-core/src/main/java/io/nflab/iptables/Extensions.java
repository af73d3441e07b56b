package io.nflab.iptables;

import io.nflab.iptables.match.AddrtypeExtension;
import io.nflab.iptables.match.CommentExtension;
import io.nflab.iptables.match.ConnlimitExtension;
import io.nflab.iptables.match.ConnmarkMatchExtension;
import io.nflab.iptables.match.ConntrackExtension;
import io.nflab.iptables.match.DscpMatchExtension;
import io.nflab.iptables.match.IprangeExtension;
import io.nflab.iptables.match.LengthExtension;
import io.nflab.iptables.match.LimitExtension;
import io.nflab.iptables.match.MacExtension;
import io.nflab.iptables.match.MarkMatchExtension;
import io.nflab.iptables.match.MultiportExtension;
import io.nflab.iptables.match.OwnerExtension;
import io.nflab.iptables.match.PkttypeExtension;
import io.nflab.iptables.match.RecentExtension;
import io.nflab.iptables.match.SctpExtension;
import io.nflab.iptables.match.StateExtension;
import io.nflab.iptables.match.TcpExtension;
import io.nflab.iptables.match.TosMatchExtension;
import io.nflab.iptables.match.TtlMatchExtension;
import io.nflab.iptables.match.UdpExtension;
import io.nflab.iptables.match.IcmpExtension;
import io.nflab.iptables.target.AuditExtension;
import io.nflab.iptables.target.ClassifyExtension;
import io.nflab.iptables.target.ConnmarkExtension;
import io.nflab.iptables.target.NfqueueExtension;
import io.nflab.iptables.target.CtExtension;
import io.nflab.iptables.target.DscpExtension;
import io.nflab.iptables.target.LogExtension;
import io.nflab.iptables.target.MarkExtension;
import io.nflab.iptables.target.MasqueradeExtension;
import io.nflab.iptables.target.NatExtension;
import io.nflab.iptables.target.NotrackExtension;
import io.nflab.iptables.target.RedirectExtension;
import io.nflab.iptables.target.RejectExtension;
import io.nflab.iptables.target.TosExtension;
import io.nflab.iptables.target.TraceExtension;
import io.nflab.iptables.target.TtlExtension;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.target.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The match and target extensions nflab knows, found by their {@code -m}/{@code -j} name when
 * parsing and by their model type when printing.
 */
public final class Extensions {
    private static final Extensions INSTANCE = new Extensions(
            List.of(new TcpExtension(), new UdpExtension(), new IcmpExtension(), new MultiportExtension(),
                    new StateExtension(), new ConntrackExtension(), new MarkMatchExtension(), new ConnmarkMatchExtension(),
                    new CommentExtension(), new IprangeExtension(), new MacExtension(), new LimitExtension(),
                    new RecentExtension(), new ConnlimitExtension(), new TosMatchExtension(), new DscpMatchExtension(),
                    new TtlMatchExtension(), new LengthExtension(), new AddrtypeExtension(), new PkttypeExtension(),
                    new OwnerExtension(), new SctpExtension()),
            List.of(new RejectExtension(), new LogExtension(), NatExtension.dnat(), NatExtension.snat(),
                    new MasqueradeExtension(), new RedirectExtension(), new MarkExtension(), new ConnmarkExtension(),
                    new TosExtension(), new TtlExtension(), new DscpExtension(), new NotrackExtension(),
                    new CtExtension(), new TraceExtension(), new NfqueueExtension(), new AuditExtension(),
                    new ClassifyExtension()));

    private final Map<String, MatchExtension<?>> matchesByName = new HashMap<>();
    private final Map<Class<?>, MatchExtension<?>> matchesByType = new HashMap<>();
    private final Map<String, TargetExtension<?>> targetsByName = new HashMap<>();
    private final List<TargetExtension<?>> targets;

    private Extensions(List<MatchExtension<?>> matches, List<TargetExtension<?>> targets) {
        for (MatchExtension<?> extension : matches) {
            matchesByName.put(extension.name(), extension);
            matchesByType.putIfAbsent(extension.type(), extension);
        }
        for (TargetExtension<?> extension : targets) {
            targetsByName.put(extension.name(), extension);
        }
        this.targets = List.copyOf(targets);
    }

    public static Extensions get() {
        return INSTANCE;
    }

    public Optional<MatchExtension<?>> match(String name) {
        return Optional.ofNullable(matchesByName.get(name));
    }

    public Optional<TargetExtension<?>> target(String name) {
        return Optional.ofNullable(targetsByName.get(name));
    }

    /** The extension that prints {@code match}. */
    @SuppressWarnings("unchecked")
    public <M extends Match> MatchExtension<M> forMatch(M match) {
        MatchExtension<?> extension = matchesByType.get(match.getClass());
        if (extension == null) {
            throw new IllegalStateException("no extension prints " + match.getClass().getSimpleName());
        }
        return (MatchExtension<M>) extension;
    }

    /** The extension that prints {@code target}, or empty for standard verdicts, jumps and gotos. */
    @SuppressWarnings("unchecked")
    public <T extends Target> Optional<TargetExtension<T>> forTarget(T target) {
        for (TargetExtension<?> extension : targets) {
            if (extension.type().isInstance(target) && ((TargetExtension<T>) extension).prints(target)) {
                return Optional.of((TargetExtension<T>) extension);
            }
        }
        return Optional.empty();
    }
}
