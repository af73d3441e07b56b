package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.Numbers;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.CtTarget;
import io.nflab.netfilter.target.CtTarget.ZoneDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code -j CT} (libxt_CT revision 2, raw only). */
public final class CtExtension implements TargetExtension<CtTarget> {
    private static final int NOTRACK = 0;
    private static final int HELPER = 1;
    private static final int TIMEOUT = 2;
    private static final int CTEVENTS = 3;
    private static final int EXPEVENTS = 4;
    private static final int ZONE_ORIG = 5;
    private static final int ZONE_REPLY = 6;
    private static final int ZONE = 7;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.flag("notrack", NOTRACK),
            ExtensionOption.withArgument("helper", HELPER),
            ExtensionOption.withArgument("timeout", TIMEOUT),
            ExtensionOption.withArgument("ctevents", CTEVENTS),
            ExtensionOption.withArgument("expevents", EXPEVENTS),
            ExtensionOption.withArgument("zone-orig", ZONE_ORIG),
            ExtensionOption.withArgument("zone-reply", ZONE_REPLY),
            ExtensionOption.withArgument("zone", ZONE));
    /** The kernel's event bits, in its order (ct_event_tbl, exp_event_tbl). */
    private static final List<String> CT_EVENTS = List.of("new", "related", "destroy", "reply", "assured",
            "protoinfo", "helper", "mark", "natseqinfo", "secmark");
    private static final List<String> EXP_EVENTS = List.of("new");
    /** The conntrack helpers a Debian 12 kernel ships. */
    private static final Set<String> HELPERS = Set.of("amanda", "ftp", "h323", "irc", "netbios-ns", "pptp", "sane",
            "sip", "snmp", "tftp", "Q.931", "RAS");

    @Override
    public String name() {
        return "CT";
    }

    @Override
    public Class<CtTarget> type() {
        return CtTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<CtTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("CT", OPTIONS) {
            private boolean notrack;
            private String helper = "";
            private String timeout = "";
            private int zone;
            private ZoneDirection direction = ZoneDirection.BOTH;
            private boolean fromMark;
            private List<String> ctEvents = List.of();
            private List<String> expEvents = List.of();

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case NOTRACK -> notrack = true;
                    case HELPER -> helper = truncate(argument, 16);
                    case TIMEOUT -> timeout = truncate(argument, 32);
                    case CTEVENTS -> ctEvents = events(argument, CT_EVENTS, "ctevents");
                    case EXPEVENTS -> expEvents = events(argument, EXP_EVENTS, "expevents");
                    default -> {
                        if (id == ZONE_ORIG) {
                            direction = ZoneDirection.ORIGINAL;
                        } else if (id == ZONE_REPLY) {
                            direction = ZoneDirection.REPLY;
                        }
                        if (argument.equalsIgnoreCase("mark")) {
                            fromMark = true;
                            zone = 0;
                        } else {
                            var value = Numbers.parse(argument, 0, 65535);
                            if (value.isEmpty()) {
                                throw IptablesException.parameter("Cannot parse " + argument + " as a zone ID");
                            }
                            fromMark = false;
                            zone = (int) value.getAsLong();
                        }
                    }
                }
            }

            @Override
            public CtTarget finish() {
                return new CtTarget(notrack, helper, zone, direction, fromMark, ctEvents, expEvents, timeout);
            }
        };
    }

    private static String truncate(String text, int size) {
        return text.length() >= size ? text.substring(0, size - 1) : text;
    }

    /** A comma list of event names, kept in the kernel's order. */
    private static List<String> events(String text, List<String> known, String option) {
        List<String> given = new ArrayList<>();
        for (String word : text.split(",", -1)) {
            String name = word.toLowerCase(Locale.ROOT);
            if (!known.contains(name)) {
                throw IptablesException.parameter("Unknown event type \"" + word + "\"");
            }
            given.add(name);
        }
        List<String> ordered = new ArrayList<>();
        for (String name : known) {
            if (given.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }

    @Override
    public void save(CtTarget target, IpSpec ip, StringBuilder out) {
        describe(target, "--", out);
    }

    @Override
    public void print(CtTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" CT");
        describe(target, "", out);
    }

    private static void describe(CtTarget target, String prefix, StringBuilder out) {
        if (target.notrack()) {
            out.append(' ').append(prefix).append("notrack");
        }
        if (!target.helper().isEmpty()) {
            out.append(' ').append(prefix).append("helper ").append(target.helper());
        }
        if (!target.timeout().isEmpty()) {
            out.append(' ').append(prefix).append("timeout ").append(target.timeout());
        }
        if (!target.ctEvents().isEmpty()) {
            out.append(' ').append(prefix).append("ctevents ").append(String.join(",", target.ctEvents()));
        }
        if (!target.expectationEvents().isEmpty()) {
            out.append(' ').append(prefix).append("expevents ").append(String.join(",", target.expectationEvents()));
        }
        if (target.zoneFromMark() || target.zone() != 0) {
            out.append(' ').append(prefix).append("zone");
            if (target.zoneDirection() == ZoneDirection.ORIGINAL) {
                out.append("-orig");
            } else if (target.zoneDirection() == ZoneDirection.REPLY) {
                out.append("-reply");
            }
            out.append(target.zoneFromMark() ? " mark" : " " + target.zone());
        }
    }

    @Override
    public boolean kernelAccepts(CtTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.RAW;
    }

    @Override
    public Optional<String> kernelRefusal(CtTarget target) {
        if (!target.timeout().isEmpty()) {
            return Optional.of("Invalid argument");
        }
        if (!target.helper().isEmpty() && !HELPERS.contains(target.helper())) {
            return Optional.of("No such file or directory");
        }
        return Optional.empty();
    }
}
