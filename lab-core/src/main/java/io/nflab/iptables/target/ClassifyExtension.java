package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.ClassifyTarget;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code -j CLASSIFY --set-class MAJOR:MINOR} (hex); the kernel allows it in mangle POSTROUTING, FORWARD, OUTPUT. */
public final class ClassifyExtension implements TargetExtension<ClassifyTarget> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("set-class", 0));

    @Override
    public String name() {
        return "CLASSIFY";
    }

    @Override
    public Class<ClassifyTarget> type() {
        return ClassifyTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<ClassifyTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("CLASSIFY", OPTIONS) {
            private ClassifyTarget target;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                String[] parts = argument.split(":", 2);
                try {
                    if (parts.length != 2) {
                        throw new NumberFormatException(argument);
                    }
                    target = new ClassifyTarget(hex(parts[0]) & 0xffff, hex(parts[1]) & 0xffff);
                } catch (NumberFormatException e) {
                    throw IptablesException.parameter("Bad class value \"" + argument + "\"");
                }
            }

            private int hex(String text) {
                int end = 0;
                while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0) {
                    end++;
                }
                return (int) Long.parseLong(text.substring(0, end), 16);
            }

            @Override
            public ClassifyTarget finish() {
                if (target == null) {
                    throw IptablesException.parameter("CLASSIFY: option \"--set-class\" must be specified\n");
                }
                return target;
            }
        };
    }

    @Override
    public void save(ClassifyTarget target, IpSpec ip, StringBuilder out) {
        out.append(" --set-class ").append(Integer.toHexString(target.major())).append(':')
                .append(Integer.toHexString(target.minor()));
    }

    @Override
    public void print(ClassifyTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" CLASSIFY set ").append(Integer.toHexString(target.major())).append(':')
                .append(Integer.toHexString(target.minor()));
    }

    @Override
    public boolean kernelAccepts(ClassifyTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.MANGLE && EnumSet.of(Hook.POSTROUTING, Hook.FORWARD, Hook.OUTPUT).containsAll(hooks);
    }
}
