package io.nflab.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenarios write them: numbers with units, each unit once and largest first:
 * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}.
 */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("([0-9]{1,9}(d|h|ms|m|s))+");
    private static final Pattern PART = Pattern.compile("([0-9]{1,9})(d|h|ms|m|s)");
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
    private static final List<Duration> SIZES =
            List.of(Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMillis(1));

    private DurationText() {
    }

    /** The duration, or empty when the text is not one (or is zero, or repeats or disorders its units). */
    public static Optional<Duration> tryParse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        int previousUnit = -1;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            int unit = UNITS.indexOf(part.group(2));
            if (unit <= previousUnit) {
                return Optional.empty();
            }
            previousUnit = unit;
            total = total.plus(SIZES.get(unit).multipliedBy(Long.parseLong(part.group(1))));
        }
        return total.isZero() ? Optional.empty() : Optional.of(total);
    }

    /** The text {@link #tryParse} takes back: {@code 1h30m}, {@code 45s}, {@code 250ms}. */
    public static String format(Duration duration) {
        StringBuilder out = new StringBuilder();
        Duration rest = duration;
        for (int unit = 0; unit < UNITS.size(); unit++) {
            long count = rest.dividedBy(SIZES.get(unit));
            if (count > 0) {
                out.append(count).append(UNITS.get(unit));
                rest = rest.minus(SIZES.get(unit).multipliedBy(count));
            }
        }
        return out.length() == 0 ? "0s" : out.toString();
    }
}
