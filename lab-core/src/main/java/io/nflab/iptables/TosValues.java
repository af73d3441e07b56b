package io.nflab.iptables;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** TOS values and names shared by the tos match and the TOS target ({@code XTTYPE_TOSMASK}). */
public final class TosValues {
    /** iptables' symbolic TOS names, in its order. */
    public static final Map<String, Integer> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("Minimize-Delay", 0x10);
        NAMES.put("Maximize-Throughput", 0x08);
        NAMES.put("Maximize-Reliability", 0x04);
        NAMES.put("Minimize-Cost", 0x02);
        NAMES.put("Normal-Service", 0x00);
    }

    private TosValues() {
    }

    /** {@code value[/mask]} (mask 0xff by default) or a symbolic name (mask {@code symbolMask}). */
    public static OptionValues.ValueMask parse(String extension, String option, String text, int symbolMask) {
        Numbers.ParsedPrefix value = Numbers.parsePrefix(text, 0);
        if (value != null && value.value() <= 255 && !text.startsWith("-")) {
            if (value.end() == text.length()) {
                return new OptionValues.ValueMask(value.value(), 0xff);
            }
            if (text.charAt(value.end()) == '/') {
                var mask = Numbers.parse(text.substring(value.end() + 1), 0, 255);
                if (mask.isPresent()) {
                    return new OptionValues.ValueMask(value.value(), mask.getAsLong());
                }
            }
            throw IptablesException.parameter(extension + ": bad value for option \"--" + option
                    + "\", or out of range (0-255).\n");
        }
        for (Map.Entry<String, Integer> entry : NAMES.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return new OptionValues.ValueMask(entry.getValue(), symbolMask);
            }
        }
        throw IptablesException.parameter("Symbolic name \"" + text + "\" is unknown");
    }

    /** {@code 0x%02x}. */
    public static String hex2(long value) {
        return String.format("0x%02x", value & 0xff);
    }

    /** The name printed for {@code value} under mask 0x3f, if it has one. */
    public static String symbol(int value, int mask) {
        if (mask != 0x3f) {
            return null;
        }
        for (Map.Entry<String, Integer> entry : NAMES.entrySet()) {
            if (entry.getValue() == value) {
                return entry.getKey();
            }
        }
        return null;
    }
}
