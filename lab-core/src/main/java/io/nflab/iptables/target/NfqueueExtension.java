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
import io.nflab.netfilter.target.NfqueueTarget;
import java.util.List;

/** {@code -j NFQUEUE --queue-num N | --queue-balance A:B [--queue-bypass] [--queue-cpu-fanout]} (revision 3). */
public final class NfqueueExtension implements TargetExtension<NfqueueTarget> {
    private static final int NUM = 0;
    private static final int BALANCE = 1;
    private static final int BYPASS = 2;
    private static final int FANOUT = 3;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("queue-num", NUM),
            ExtensionOption.withArgument("queue-balance", BALANCE),
            ExtensionOption.flag("queue-bypass", BYPASS),
            ExtensionOption.flag("queue-cpu-fanout", FANOUT));

    @Override
    public String name() {
        return "NFQUEUE";
    }

    @Override
    public Class<NfqueueTarget> type() {
        return NfqueueTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<NfqueueTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("NFQUEUE", OPTIONS) {
            private int queue;
            private int count = 1;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                if (id == NUM) {
                    queue = (int) OptionValues.integer("NFQUEUE", "queue-num", argument, 0, 65535);
                } else if (id == BALANCE) {
                    String[] parts = argument.split(":", -1);
                    if (parts.length != 2) {
                        throw IptablesException.parameter("Bad range \"" + argument + "\"");
                    }
                    long first = bound(parts[0]);
                    long last = bound(parts[1]);
                    if (first >= last) {
                        throw IptablesException.parameter(first + " should be less than " + last);
                    }
                    queue = (int) first;
                    count = (int) (last - first + 1);
                }
            }

            private long bound(String text) {
                var value = Numbers.parse(text, 0, 65534);
                if (value.isEmpty()) {
                    throw IptablesException.parameter("NFQUEUE: bad value for option \"--queue-balance\" near \""
                            + text + "\", or out of range (0-65534).\n");
                }
                return value.getAsLong();
            }

            @Override
            public NfqueueTarget finish() {
                checkExclusive(NUM, BALANCE);
                if (seen(FANOUT) && !seen(BALANCE)) {
                    throw IptablesException.parameter(
                            "NFQUEUE: option \"--queue-cpu-fanout\" also requires \"--queue-balance\".\n");
                }
                return new NfqueueTarget(queue, count, seen(BYPASS), seen(FANOUT));
            }
        };
    }

    @Override
    public void save(NfqueueTarget target, IpSpec ip, StringBuilder out) {
        describe(target, " --queue-num ", " --queue-balance ", " --queue-bypass", " --queue-cpu-fanout", out);
    }

    @Override
    public void print(NfqueueTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        describe(target, " NFQUEUE num ", " NFQUEUE balance ", " bypass", " cpu-fanout", out);
    }

    private static void describe(NfqueueTarget target, String num, String balance, String bypass, String fanout,
                                 StringBuilder out) {
        if (target.count() > 1) {
            out.append(balance).append(target.queue()).append(':').append(target.queue() + target.count() - 1);
        } else {
            out.append(num).append(target.queue());
        }
        if (target.bypass()) {
            out.append(bypass);
        }
        if (target.cpuFanout()) {
            out.append(fanout);
        }
    }
}
