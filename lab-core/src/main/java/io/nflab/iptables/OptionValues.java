package io.nflab.iptables;

/**
 * Value parsers of libxtables' option types, with its messages: {@code XTTYPE_UINT*},
 * {@code XTTYPE_MARKMASK32} ({@code value[/mask]}), {@code xtables_save_string} quoting.
 */
public final class OptionValues {
    private OptionValues() {
    }

    /** A {@code value[/mask]} pair; the mask is 0xffffffff when absent. */
    public record ValueMask(long value, long mask) {
    }

    /** {@code XTTYPE_UINT8/16/32}: the whole text a number in {@code min..max}. */
    public static long integer(String extension, String option, String text, long min, long max) {
        var value = Numbers.parse(text, min, max);
        if (value.isEmpty()) {
            throw IptablesException.parameter(extension + ": bad value for option \"--" + option
                    + "\", or out of range (" + min + "-" + max + ").\n");
        }
        return value.getAsLong();
    }

    /** {@code xtables_parse_val_mask} without a name table (XTTYPE_MARKMASK32). */
    public static ValueMask markMask(String extension, String option, String text) {
        Numbers.ParsedPrefix value = Numbers.parsePrefix(text, 0);
        if (value == null || Long.compareUnsigned(value.value(), 0xffffffffL) > 0 || text.startsWith("-")) {
            throw badInteger(extension, option);
        }
        if (value.end() == text.length()) {
            return new ValueMask(value.value(), 0xffffffffL);
        }
        if (text.charAt(value.end()) != '/') {
            throw IptablesException.parameter(extension + ": trailing garbage after value for option \"--"
                    + option + "\".\n");
        }
        Numbers.ParsedPrefix mask = Numbers.parsePrefix(text, value.end() + 1);
        if (mask == null || Long.compareUnsigned(mask.value(), 0xffffffffL) > 0) {
            throw badInteger(extension, option);
        }
        if (mask.end() != text.length()) {
            throw IptablesException.parameter(extension + ": trailing garbage after value for option \"--"
                    + option + "\".\n");
        }
        return new ValueMask(value.value(), mask.value());
    }

    private static IptablesException badInteger(String extension, String option) {
        return IptablesException.parameter(extension + ": bad integer value for option \"--" + option
                + "\", or out of range.\n");
    }

    /** {@code xtables_save_string}: bare when only {@code [_-0-9a-zA-Z]}, else double-quoted with {@code " \ '} escaped. */
    public static String saveString(String value) {
        boolean plain = !value.isEmpty();
        for (char c : value.toCharArray()) {
            if (!(c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return " " + value;
        }
        StringBuilder out = new StringBuilder(" \"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || c == '\'') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** {@code %x} of an unsigned 32-bit value. */
    public static String hex(long value) {
        return "0x" + Long.toHexString(value & 0xffffffffL);
    }
}
