package io.nflab.app;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** The few C {@code printf} conversions the tools use, printed exactly as glibc does. */
final class CFormat {
    private CFormat() {
    }

    /** {@code %g} of a {@code float} promoted to double (six significant digits, no trailing zeros), for 0 and 1e-4..1e6. */
    static String g(float value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(value);
        if (exact.abs().compareTo(new BigDecimal("1e-4")) < 0 || exact.abs().compareTo(new BigDecimal("1e6")) >= 0) {
            throw new IllegalArgumentException("%g in exponent form is not needed here: " + value);
        }
        return exact.round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** Microseconds as {@code %ld.%03ld} milliseconds. */
    static String millis(long micros) {
        return micros / 1000 + "." + String.format("%03d", micros % 1000);
    }
}
