package io.nflab.iptables;

import io.nflab.netfilter.AddressSpec;
import io.nflab.netfilter.FragmentSpec;
import io.nflab.netfilter.InterfaceSpec;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.PacketCounters;
import io.nflab.netfilter.Rule;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.target.Goto;
import io.nflab.netfilter.target.Jump;
import io.nflab.netfilter.target.NoTarget;
import io.nflab.netfilter.target.Target;
import io.nflab.netfilter.target.Verdict;
import java.util.Optional;

/** A rule in the iptables-save form ({@code -S}, iptables-save): everything after {@code -A CHAIN}. */
public final class RuleFormat {
    private RuleFormat() {
    }

    /** {@code " -s … -j TARGET …"}; with {@code counters} non-null, {@code " -c P B"} before the target ({@code -S -v}). */
    public static String save(Rule rule, PacketCounters counters) {
        StringBuilder out = new StringBuilder();
        IpSpec ip = rule.ip();
        saveAddress('s', ip.source(), out);
        saveAddress('d', ip.destination(), out);
        saveInterface('i', ip.in(), out);
        saveInterface('o', ip.out(), out);
        int protocol = ip.protocol().value();
        if (protocol > 0) {
            out.append(ip.protocol().negated() ? " !" : "").append(" -p ")
                    .append(Protocols.name(protocol, false).orElse(Integer.toString(protocol)));
        }
        if (ip.fragment() != FragmentSpec.ANY) {
            out.append(ip.fragment() == FragmentSpec.NOT_NON_FIRST_FRAGMENTS ? " !" : "").append(" -f");
        }
        for (Match match : rule.matches()) {
            saveMatch(match, ip, out);
        }
        if (counters != null) {
            out.append(" -c ").append(Long.toUnsignedString(counters.packets()))
                    .append(' ').append(Long.toUnsignedString(counters.bytes()));
        }
        saveTarget(rule.target(), ip, out);
        return out.toString();
    }

    private static <M extends Match> void saveMatch(M match, IpSpec ip, StringBuilder out) {
        MatchExtension<M> extension = Extensions.get().forMatch(match);
        out.append(" -m ").append(extension.saveName(match));
        extension.save(match, ip, out);
    }

    private static <T extends Target> void saveTarget(T target, IpSpec ip, StringBuilder out) {
        Optional<TargetExtension<T>> extension = Extensions.get().forTarget(target);
        if (extension.isPresent()) {
            out.append(" -j ").append(extension.get().saveName(target));
            extension.get().save(target, ip, out);
        } else if (target instanceof Verdict verdict) {
            out.append(" -j ").append(verdict.name());
        } else if (target instanceof Jump jump) {
            out.append(" -j ").append(jump.chain());
        } else if (target instanceof Goto goTo) {
            out.append(" -g ").append(goTo.chain());
        } else if (!(target instanceof NoTarget)) {
            throw new IllegalStateException("no extension prints " + target);
        }
    }

    private static void saveAddress(char letter, AddressSpec spec, StringBuilder out) {
        if (spec.mask().bits() == 0 && !spec.negated() && spec.address().bits() == 0) {
            return;
        }
        out.append(spec.negated() ? " !" : "").append(" -").append(letter).append(' ')
                .append(spec.address()).append('/').append(AddressNames.saveMask(spec.mask()));
    }

    private static void saveInterface(char letter, InterfaceSpec spec, StringBuilder out) {
        if (spec.isAny()) {
            return;
        }
        out.append(spec.negated() ? " !" : "").append(" -").append(letter).append(' ').append(spec.text());
    }

    /** The target column of {@code -L}: the extension's or verdict's name, the chain, or empty. */
    public static <T extends Target> String targetName(T target) {
        Optional<TargetExtension<T>> extension = Extensions.get().forTarget(target);
        if (extension.isPresent()) {
            return extension.get().listName(target);
        }
        if (target instanceof Verdict verdict) {
            return verdict.name();
        }
        return target.jumpsTo().orElse("");
    }

    /** The text {@code -L} prints after the addresses: {@code [goto] }, then the matches and the target. */
    public static String listDetails(Rule rule, boolean numeric) {
        StringBuilder out = new StringBuilder();
        if (rule.target() instanceof Goto) {
            out.append("[goto] ");
        }
        for (Match match : rule.matches()) {
            printMatch(match, rule.ip(), numeric, out);
        }
        printTarget(rule.target(), rule.ip(), numeric, out);
        return out.toString();
    }

    private static <M extends Match> void printMatch(M match, IpSpec ip, boolean numeric, StringBuilder out) {
        Extensions.get().forMatch(match).print(match, ip, numeric, out);
    }

    private static <T extends Target> void printTarget(T target, IpSpec ip, boolean numeric, StringBuilder out) {
        Extensions.get().forTarget(target).ifPresent(extension -> extension.print(target, ip, numeric, out));
    }
}
