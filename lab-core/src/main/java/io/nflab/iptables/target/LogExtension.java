package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.Numbers;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.target.LogTarget;
import java.util.List;
import java.util.Map;

/** {@code -j LOG} (libxt_LOG): level, prefix (at most 29 characters kept) and the detail flags. */
public final class LogExtension implements TargetExtension<LogTarget> {
    private static final int TCPSEQ = 0;
    private static final int TCPOPTS = 1;
    private static final int IPOPTS = 2;
    private static final int UID = 3;
    private static final int MAC = 5;
    private static final int LEVEL = 6;
    private static final int PREFIX = 7;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("log-level", LEVEL),
            ExtensionOption.withArgument("log-prefix", PREFIX),
            ExtensionOption.flag("log-tcp-sequence", TCPSEQ),
            ExtensionOption.flag("log-tcp-options", TCPOPTS),
            ExtensionOption.flag("log-ip-options", IPOPTS),
            ExtensionOption.flag("log-uid", UID),
            ExtensionOption.flag("log-macdecode", MAC));
    private static final Map<String, Integer> LEVEL_NAMES = Map.of("alert", 1, "crit", 2, "debug", 7, "emerg", 0,
            "error", 3, "info", 6, "notice", 5, "panic", 0, "warning", 4);
    /** syslog's prioritynames: the first name of each level, as iptables -L prints it. */
    private static final String[] PRINT_NAMES = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};
    private static final int DEFAULT_LEVEL = 4;
    private static final int PREFIX_SIZE = 30;

    @Override
    public String name() {
        return "LOG";
    }

    @Override
    public Class<LogTarget> type() {
        return LogTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<LogTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("LOG", OPTIONS) {
            private int level = DEFAULT_LEVEL;
            private String prefix = "";
            private int flags;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case LEVEL -> level = parseLevel(argument);
                    case PREFIX -> {
                        if (argument.isEmpty()) {
                            throw IptablesException.parameter("Argument must have a minimum length of 1 characters\n");
                        }
                        prefix = argument.length() >= PREFIX_SIZE ? argument.substring(0, PREFIX_SIZE - 1) : argument;
                        if (argument.indexOf('\n') >= 0) {
                            throw IptablesException.parameter("Newlines not allowed in --log-prefix");
                        }
                    }
                    default -> flags |= 1 << id;
                }
            }

            @Override
            public LogTarget finish() {
                return new LogTarget(level, prefix, flags);
            }
        };
    }

    private static int parseLevel(String text) {
        var number = Numbers.parse(text, 0, 7);
        if (number.isPresent()) {
            return (int) number.getAsLong();
        }
        Integer named = LEVEL_NAMES.get(text);
        if (named == null) {
            throw IptablesException.parameter("log level \"" + text + "\" unknown\n");
        }
        return named;
    }

    @Override
    public void save(LogTarget target, IpSpec ip, StringBuilder out) {
        if (!target.prefix().isEmpty()) {
            out.append(" --log-prefix").append(OptionValues.saveString(target.prefix()));
        }
        if (target.level() != DEFAULT_LEVEL) {
            out.append(" --log-level ").append(target.level());
        }
        flag(target, LogTarget.TCP_SEQUENCE, " --log-tcp-sequence", out);
        flag(target, LogTarget.TCP_OPTIONS, " --log-tcp-options", out);
        flag(target, LogTarget.IP_OPTIONS, " --log-ip-options", out);
        flag(target, LogTarget.UID, " --log-uid", out);
        flag(target, LogTarget.MAC_DECODE, " --log-macdecode", out);
    }

    private static void flag(LogTarget target, int bit, String text, StringBuilder out) {
        if ((target.flags() & bit) != 0) {
            out.append(text);
        }
    }

    @Override
    public void print(LogTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" LOG");
        if (numeric) {
            out.append(" flags ").append(target.flags()).append(" level ").append(target.level());
        } else {
            out.append(" level ").append(PRINT_NAMES[target.level()]);
            flag(target, LogTarget.TCP_SEQUENCE, " tcp-sequence", out);
            flag(target, LogTarget.TCP_OPTIONS, " tcp-options", out);
            flag(target, LogTarget.IP_OPTIONS, " ip-options", out);
            flag(target, LogTarget.UID, " uid", out);
            flag(target, LogTarget.MAC_DECODE, " macdecode", out);
        }
        if (!target.prefix().isEmpty()) {
            out.append(" prefix \"").append(target.prefix()).append('"');
        }
    }
}
