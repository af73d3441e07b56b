package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.LimitMatch;
import java.util.List;
import java.util.Locale;

/**
 * {@code -m limit --limit N/UNIT --limit-burst N}. The nf_tables backend stores the rate as a native
 * limit expression (rate per unit) and reads it back, so the kept average is that round trip's, and a
 * burst of 0 becomes the kernel's default 5.
 */
public final class LimitExtension implements MatchExtension<LimitMatch> {
    private static final int LIMIT = 0;
    private static final int BURST = 1;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("limit", LIMIT),
            ExtensionOption.withArgument("limit-burst", BURST));
    private static final long SCALE = LimitMatch.SCALE;
    /** day, hour, minute, second in 1/10000 s, with the names iptables prints. */
    private static final long[] UNITS = {SCALE * 86400, SCALE * 3600, SCALE * 60, SCALE};
    private static final String[] UNIT_NAMES = {"day", "hour", "min", "sec"};
    private static final int DEFAULT_BURST = 5;

    @Override
    public String name() {
        return "limit";
    }

    @Override
    public Class<LimitMatch> type() {
        return LimitMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<LimitMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("limit", OPTIONS) {
            private long average = SCALE * 3600 / 3;
            private int burst = DEFAULT_BURST;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                if (id == LIMIT) {
                    average = parseRate(argument);
                } else {
                    burst = (int) OptionValues.integer("limit", "limit-burst", argument, 0, 10000);
                }
            }

            @Override
            public LimitMatch finish() {
                return new LimitMatch(nativeRoundTrip(average), burst == 0 ? DEFAULT_BURST : burst);
            }
        };
    }

    /** libxt_limit's parse_rate: {@code N[/second|minute|hour|day]} (unit names may be abbreviated). */
    static long parseRate(String text) {
        int slash = text.indexOf('/');
        long multiplier = 1;
        if (slash >= 0) {
            String unit = text.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (unit.isEmpty()) {
                throw badRate(text);
            } else if ("second".startsWith(unit)) {
                multiplier = 1;
            } else if ("minute".startsWith(unit)) {
                multiplier = 60;
            } else if ("hour".startsWith(unit)) {
                multiplier = 3600;
            } else if ("day".startsWith(unit)) {
                multiplier = 86400;
            } else {
                throw badRate(text);
            }
        }
        long rate = atoi(text);
        if (rate == 0) {
            throw badRate(text);
        }
        long average = SCALE * multiplier / rate;
        if (average == 0) {
            throw IptablesException.parameter("Rate too fast \"" + text + "\"");
        }
        return average;
    }

    private static IptablesException badRate(String text) {
        return IptablesException.parameter("bad rate \"" + text + "\"'");
    }

    /** C's atoi on the leading digits (32-bit). */
    private static long atoi(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && value < Integer.MAX_VALUE) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return value & 0xffffffffL;
    }

    /** The unit index libxt_limit's print_rate (and nft's add_nft_limit) choose for {@code average}. */
    private static int unitIndex(long average) {
        int i = 1;
        for (; i < UNITS.length; i++) {
            if (average > UNITS[i] || UNITS[i] / average < UNITS[i] % average) {
                break;
            }
        }
        return i - 1;
    }

    /** What the kernel's native limit gives back: rate and unit computed as nft does, then the average again. */
    static long nativeRoundTrip(long average) {
        int unit = unitIndex(average);
        long rate = UNITS[unit] / average;
        return SCALE * (UNITS[unit] / SCALE) / rate;
    }

    @Override
    public void save(LimitMatch match, IpSpec ip, StringBuilder out) {
        out.append(" --limit ").append(rate(match.average()));
        if (match.burst() != DEFAULT_BURST) {
            out.append(" --limit-burst ").append(match.burst());
        }
    }

    @Override
    public void print(LimitMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" limit: avg ").append(rate(match.average())).append(" burst ").append(match.burst());
    }

    private static String rate(long average) {
        int unit = unitIndex(average);
        return UNITS[unit] / average + "/" + UNIT_NAMES[unit];
    }
}
