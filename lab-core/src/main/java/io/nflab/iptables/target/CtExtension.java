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
import java.util.List;
import java.util.Set;

/**
 * {@code -j CT} (libxt_CT, raw only): {@code --notrack}, {@code --helper NAME}, {@code --zone ID}.
 * The timeout, event and directional-zone options are refused: nflab does not emulate them.
 */
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
            private int zone;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case NOTRACK -> notrack = true;
                    case HELPER -> helper = argument.length() > 15 ? argument.substring(0, 15) : argument;
                    case ZONE -> {
                        if (argument.equalsIgnoreCase("mark")) {
                            throw IptablesException.parameter("nflab does not emulate CT --zone mark");
                        }
                        var value = Numbers.parse(argument, 0, 65535);
                        if (value.isEmpty()) {
                            throw IptablesException.parameter("Cannot parse " + argument + " as a zone ID");
                        }
                        zone = (int) value.getAsLong();
                    }
                    default -> throw IptablesException.parameter("nflab does not emulate CT --" + canonicalName(id));
                }
            }

            @Override
            public CtTarget finish() {
                return new CtTarget(notrack, helper, zone);
            }
        };
    }

    @Override
    public void save(CtTarget target, IpSpec ip, StringBuilder out) {
        if (target.notrack()) {
            out.append(" --notrack");
        }
        if (!target.helper().isEmpty()) {
            out.append(" --helper ").append(target.helper());
        }
        if (target.zone() != 0) {
            out.append(" --zone ").append(target.zone());
        }
    }

    @Override
    public void print(CtTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" CT");
        if (target.notrack()) {
            out.append(" notrack");
        }
        if (!target.helper().isEmpty()) {
            out.append(" helper ").append(target.helper());
        }
        if (target.zone() != 0) {
            out.append(" zone ").append(target.zone());
        }
    }

    @Override
    public boolean kernelAccepts(CtTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.RAW;
    }
}
