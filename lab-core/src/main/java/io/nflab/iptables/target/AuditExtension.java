package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.target.AuditTarget;
import java.util.List;
import java.util.Locale;

/** {@code -j AUDIT --type accept|drop|reject}. */
public final class AuditExtension implements TargetExtension<AuditTarget> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("type", 0));

    @Override
    public String name() {
        return "AUDIT";
    }

    @Override
    public Class<AuditTarget> type() {
        return AuditTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<AuditTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("AUDIT", OPTIONS) {
            private AuditTarget target;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                AuditTarget.Type type = switch (argument.toLowerCase(Locale.ROOT)) {
                    case "accept" -> AuditTarget.Type.ACCEPT;
                    case "drop" -> AuditTarget.Type.DROP;
                    case "reject" -> AuditTarget.Type.REJECT;
                    default -> throw IptablesException.parameter("Bad action type value \"" + argument + "\"");
                };
                target = new AuditTarget(type);
            }

            @Override
            public AuditTarget finish() {
                if (target == null) {
                    throw IptablesException.parameter("AUDIT: option \"--type\" must be specified\n");
                }
                return target;
            }
        };
    }

    @Override
    public void save(AuditTarget target, IpSpec ip, StringBuilder out) {
        out.append(" --type ").append(target.type().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void print(AuditTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" AUDIT ").append(target.type().name().toLowerCase(Locale.ROOT));
    }
}
