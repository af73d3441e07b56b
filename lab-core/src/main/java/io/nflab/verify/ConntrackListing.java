package io.nflab.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code conntrack -L} entries compared the way a kernel comparison must: in any order (the kernel lists
 * them in hash order), and with each entry's remaining timeout allowed to differ by a second (the kernel
 * counts down in real time from the moment it saw the packet, the emulator on the lab clock, and the two may
 * fall on either side of a second). Everything else must be equal.
 */
public final class ConntrackListing {
    /** The field of a {@code conntrack -L} line holding the remaining seconds ({@code tcp 6 119 SYN_SENT …}). */
    private static final int TIMEOUT_FIELD = 2;

    private ConntrackListing() {
    }

    /** One entry: the remaining seconds, and the line with that field replaced by {@code ~}. */
    public record Entry(long timeout, String rest) {
        @Override
        public String toString() {
            return rest.replaceFirst("~", Long.toString(timeout));
        }
    }

    /** The entries of a listing, sorted by everything but their timeouts. */
    public static List<Entry> entries(String listing) {
        List<Entry> entries = new ArrayList<>();
        for (String line : listing.lines().filter(l -> !l.isBlank()).toList()) {
            String[] fields = line.trim().split("\\s+");
            long timeout = -1;
            if (fields.length > TIMEOUT_FIELD && fields[TIMEOUT_FIELD].matches("\\d+")) {
                timeout = Long.parseLong(fields[TIMEOUT_FIELD]);
                fields[TIMEOUT_FIELD] = "~";
            }
            entries.add(new Entry(timeout, String.join(" ", fields)));
        }
        entries.sort(Comparator.comparing(Entry::rest).thenComparingLong(Entry::timeout));
        return entries;
    }

    /** Whether both listings hold the same entries, timeouts at most a second apart. */
    public static boolean same(String kernel, String emulated) {
        List<Entry> left = entries(kernel);
        List<Entry> right = entries(emulated);
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!left.get(i).rest().equals(right.get(i).rest())
                    || Math.abs(left.get(i).timeout() - right.get(i).timeout()) > 1) {
                return false;
            }
        }
        return true;
    }
}
