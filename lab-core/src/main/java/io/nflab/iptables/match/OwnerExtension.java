package io.nflab.iptables.match;

import io.nflab.iptables.Accounts;
import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.Numbers;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.OwnerMatch;
import io.nflab.netfilter.match.OwnerMatch.IdRange;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@code -m owner} (OUTPUT and POSTROUTING only): uid/gid (names or ranges), socket-exists, suppl-groups. */
public final class OwnerExtension implements MatchExtension<OwnerMatch> {
    private static final int USER = 0;
    private static final int GROUP = 1;
    private static final int SOCKET = 2;
    private static final int SUPPL = 3;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("uid-owner", USER),
            ExtensionOption.withArgument("gid-owner", GROUP),
            ExtensionOption.flag("socket-exists", SOCKET),
            ExtensionOption.flag("suppl-groups", SUPPL));

    @Override
    public String name() {
        return "owner";
    }

    @Override
    public Class<OwnerMatch> type() {
        return OwnerMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<OwnerMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("owner", OPTIONS, USER, GROUP, SOCKET) {
            private Optional<Negatable<IdRange>> uid = Optional.empty();
            private Optional<Negatable<IdRange>> gid = Optional.empty();
            private Optional<Negatable<Boolean>> socket = Optional.empty();
            private boolean supplementary;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case USER -> uid = Optional.of(new Negatable<>(range(argument, "--uid-owner", Accounts::uid), inverted));
                    case GROUP -> gid = Optional.of(new Negatable<>(range(argument, "--gid-owner", Accounts::gid), inverted));
                    case SOCKET -> socket = Optional.of(new Negatable<>(true, inverted));
                    default -> {
                        if (gid.isEmpty()) {
                            throw badOwnerValue("--suppl-groups", "you need to use --gid-owner first");
                        }
                        supplementary = true;
                    }
                }
            }

            @Override
            public OwnerMatch finish() {
                if (!seenAny()) {
                    throw IptablesException.parameter("owner: At least one of --uid-owner, --gid-owner or "
                            + "--socket-exists is required");
                }
                return new OwnerMatch(uid, gid, socket, supplementary);
            }
        };
    }

    private static IptablesException badOwnerValue(String option, String value) {
        return IptablesException.parameter("owner: Bad value for \"" + option + "\" option: \"" + value + "\"");
    }

    /** A user or group name (of the base accounts), or {@code N}, {@code N-M}, {@code N:M}. */
    private static IdRange range(String text, String option, Function<String, Optional<Long>> names) {
        Optional<Long> named = names.apply(text);
        if (named.isPresent()) {
            return new IdRange(named.get(), named.get());
        }
        Numbers.ParsedPrefix from = Numbers.parsePrefix(text, 0);
        if (from == null || from.value() > 0xfffffffeL || text.startsWith("-")) {
            throw badOwnerValue(option, text);
        }
        long to = from.value();
        int end = from.end();
        if (end < text.length() && (text.charAt(end) == '-' || text.charAt(end) == ':')) {
            Numbers.ParsedPrefix upper = Numbers.parsePrefix(text, end + 1);
            if (upper == null || upper.value() > 0xfffffffeL) {
                throw badOwnerValue(option, text);
            }
            to = upper.value();
            end = upper.end();
        }
        if (end != text.length()) {
            throw badOwnerValue(option, text);
        }
        return new IdRange(from.value(), to);
    }

    @Override
    public void save(OwnerMatch match, IpSpec ip, StringBuilder out) {
        items(match, "--socket-exists", "--uid-owner", "--gid-owner", "--suppl-groups", true, out);
    }

    @Override
    public void print(OwnerMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        items(match, "owner socket exists", "owner UID match", "owner GID match", "incl. suppl. groups", numeric, out);
    }

    private static void items(OwnerMatch match, String socketLabel, String uidLabel, String gidLabel,
                              String supplLabel, boolean numeric, StringBuilder out) {
        match.socketExists().ifPresent(socket -> out.append(socket.negated() ? " !" : "").append(' ').append(socketLabel));
        match.uid().ifPresent(uid -> out.append(uid.negated() ? " !" : "").append(' ').append(uidLabel)
                .append(' ').append(id(uid.value(), numeric, Accounts::userName)));
        match.gid().ifPresent(gid -> out.append(gid.negated() ? " !" : "").append(' ').append(gidLabel)
                .append(' ').append(id(gid.value(), numeric, Accounts::groupName)));
        if (match.supplementaryGroups()) {
            out.append(' ').append(supplLabel);
        }
    }

    private static String id(IdRange range, boolean numeric, Function<Long, Optional<String>> names) {
        if (range.first() != range.last()) {
            return range.first() + "-" + range.last();
        }
        if (!numeric) {
            Optional<String> name = names.apply(range.first());
            if (name.isPresent()) {
                return name.get();
            }
        }
        return Long.toString(range.first());
    }

    @Override
    public boolean kernelAccepts(OwnerMatch match, TableKind table, Set<Hook> hooks) {
        boolean ordered = match.uid().map(uid -> uid.value().first() <= uid.value().last()).orElse(true)
                && match.gid().map(gid -> gid.value().first() <= gid.value().last()).orElse(true);
        return ordered && EnumSet.of(Hook.OUTPUT, Hook.POSTROUTING).containsAll(hooks);
    }
}
