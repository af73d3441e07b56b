package io.nflab.iptables;

import java.util.LinkedHashMap;
import java.util.Map;

/** DiffServ class names ({@code dscp_helper.c}): CS0–CS7, BE, AF11–AF43, EF. */
public final class DscpClasses {
    private static final Map<String, Integer> CLASSES = new LinkedHashMap<>();

    static {
        for (int i = 0; i < 8; i++) {
            CLASSES.put("CS" + i, i * 8);
        }
        CLASSES.put("BE", 0);
        int[] af = {0x0a, 0x0c, 0x0e, 0x12, 0x14, 0x16, 0x1a, 0x1c, 0x1e, 0x22, 0x24, 0x26};
        for (int i = 0; i < af.length; i++) {
            CLASSES.put("AF" + (i / 3 + 1) + (i % 3 + 1), af[i]);
        }
        CLASSES.put("EF", 0x2e);
    }

    private DscpClasses() {
    }

    /** {@code class_to_dscp}: the first class whose name starts {@code name}, case-insensitively. */
    public static int parse(String name) {
        for (Map.Entry<String, Integer> entry : CLASSES.entrySet()) {
            if (name.regionMatches(true, 0, entry.getKey(), 0, entry.getKey().length())) {
                return entry.getValue();
            }
        }
        throw IptablesException.parameter("Invalid DSCP value `" + name + "'");
    }
}
