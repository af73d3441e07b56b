package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.target.ConnmarkTarget;
import io.nflab.netfilter.target.ConnmarkTarget.Mode;
import java.util.List;

/** {@code -j CONNMARK} (libxt_CONNMARK): set forms, {@code --save-mark}, {@code --restore-mark} with masks. */
public final class ConnmarkExtension implements TargetExtension<ConnmarkTarget> {
    private static final int SET_XMARK = 0;
    private static final int SET_MARK = 1;
    private static final int AND_MARK = 2;
    private static final int OR_MARK = 3;
    private static final int XOR_MARK = 4;
    private static final int SAVE_MARK = 5;
    private static final int RESTORE_MARK = 6;
    private static final int CTMASK = 7;
    private static final int NFMASK = 8;
    private static final int MASK = 9;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("set-xmark", SET_XMARK),
            ExtensionOption.withArgument("set-mark", SET_MARK),
            ExtensionOption.withArgument("and-mark", AND_MARK),
            ExtensionOption.withArgument("or-mark", OR_MARK),
            ExtensionOption.withArgument("xor-mark", XOR_MARK),
            ExtensionOption.flag("save-mark", SAVE_MARK),
            ExtensionOption.flag("restore-mark", RESTORE_MARK),
            ExtensionOption.withArgument("ctmask", CTMASK),
            ExtensionOption.withArgument("nfmask", NFMASK),
            ExtensionOption.withArgument("mask", MASK));
    private static final long ALL = 0xffffffffL;

    @Override
    public String name() {
        return "CONNMARK";
    }

    @Override
    public Class<ConnmarkTarget> type() {
        return ConnmarkTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<ConnmarkTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("CONNMARK", OPTIONS) {
            private Mode mode = Mode.SET;
            private long value;
            private long ctMask = ALL;
            private long nfMask = ALL;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                String option = canonicalName(id);
                switch (id) {
                    case SET_XMARK, SET_MARK -> {
                        OptionValues.ValueMask pair = OptionValues.markMask("CONNMARK", option, argument);
                        mode = Mode.SET;
                        value = pair.value();
                        ctMask = id == SET_MARK ? pair.value() | pair.mask() : pair.mask();
                    }
                    case AND_MARK -> {
                        mode = Mode.SET;
                        value = 0;
                        ctMask = ~OptionValues.integer("CONNMARK", option, argument, 0, ALL) & ALL;
                    }
                    case OR_MARK -> {
                        mode = Mode.SET;
                        value = OptionValues.integer("CONNMARK", option, argument, 0, ALL);
                        ctMask = value;
                    }
                    case XOR_MARK -> {
                        mode = Mode.SET;
                        value = OptionValues.integer("CONNMARK", option, argument, 0, ALL);
                        ctMask = 0;
                    }
                    case SAVE_MARK -> mode = Mode.SAVE;
                    case RESTORE_MARK -> mode = Mode.RESTORE;
                    case CTMASK -> ctMask = OptionValues.integer("CONNMARK", option, argument, 0, ALL);
                    case NFMASK -> nfMask = OptionValues.integer("CONNMARK", option, argument, 0, ALL);
                    default -> {
                        nfMask = OptionValues.integer("CONNMARK", option, argument, 0, ALL);
                        ctMask = nfMask;
                    }
                }
            }

            @Override
            public ConnmarkTarget finish() {
                checkExclusive(SET_XMARK, SET_MARK, AND_MARK, OR_MARK, XOR_MARK, SAVE_MARK, RESTORE_MARK);
                checkExclusive(CTMASK, MASK);
                checkExclusive(NFMASK, MASK);
                if (!(seen(SET_XMARK) || seen(SET_MARK) || seen(AND_MARK) || seen(OR_MARK) || seen(XOR_MARK)
                        || seen(SAVE_MARK) || seen(RESTORE_MARK))) {
                    throw IptablesException.parameter("CONNMARK target: No operation specified");
                }
                return new ConnmarkTarget(mode, value, ctMask, nfMask);
            }
        };
    }

    @Override
    public void save(ConnmarkTarget target, IpSpec ip, StringBuilder out) {
        switch (target.mode()) {
            case SET -> out.append(" --set-xmark ").append(OptionValues.hex(target.value())).append('/')
                    .append(OptionValues.hex(target.ctMask()));
            case SAVE -> out.append(" --save-mark --nfmask ").append(OptionValues.hex(target.nfMask()))
                    .append(" --ctmask ").append(OptionValues.hex(target.ctMask()));
            case RESTORE -> out.append(" --restore-mark --nfmask ").append(OptionValues.hex(target.nfMask()))
                    .append(" --ctmask ").append(OptionValues.hex(target.ctMask()));
        }
    }

    @Override
    public void print(ConnmarkTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        long ct = target.ctMask();
        long nf = target.nfMask();
        switch (target.mode()) {
            case SET -> out.append(' ').append(MarkExtension.describe("CONNMARK", target.value(), ct));
            case SAVE -> {
                if (nf == ALL && ct == ALL) {
                    out.append(" CONNMARK save");
                } else if (nf == ct) {
                    out.append(" CONNMARK save mask ").append(OptionValues.hex(nf));
                } else {
                    out.append(" CONNMARK save nfmask ").append(OptionValues.hex(nf)).append(" ctmask ~")
                            .append(OptionValues.hex(ct));
                }
            }
            case RESTORE -> {
                if (ct == ALL && nf == ALL) {
                    out.append(" CONNMARK restore");
                } else if (ct == nf) {
                    out.append(" CONNMARK restore mask ").append(OptionValues.hex(ct));
                } else {
                    out.append(" CONNMARK restore ctmask ").append(OptionValues.hex(ct)).append(" nfmask ~")
                            .append(OptionValues.hex(nf));
                }
            }
        }
    }
}
