package io.nflab.topology;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.yaml.YamlEntry;
import java.util.regex.Pattern;

/** The rules for the names a user gives labs, nodes, segments and interfaces. */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    /** Linux takes up to 15 bytes (IFNAMSIZ - 1); we keep to characters iptables' -i/-o can match. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");

    private Names() {
    }

    /** Whether a lab, node or segment name is valid: 1 to 63 letters, digits, '-' or '_', not starting with '-' or '_'. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether an interface name is valid (and not {@code lo}, which every node has). */
    public static boolean isValidInterfaceName(String name) {
        return INTERFACE.matcher(name).matches() && !name.equals("lo");
    }

    /** Checks the name a mapping key gives a node or segment ({@code what}); reports and returns false when invalid. */
    static boolean checkName(YamlEntry entry, String what, Diagnostics problems) {
        if (isValidName(entry.key())) {
            return true;
        }
        problems.error(entry.keyLocation(), "invalid " + what + " name `" + entry.key()
                + "'; expected 1 to 63 letters, digits, `-' or `_', starting with a letter or digit");
        return false;
    }

    /** Checks an interface name; reports and returns false when invalid. */
    static boolean checkInterfaceName(YamlEntry entry, Diagnostics problems) {
        if (entry.key().equals("lo")) {
            problems.error(entry.keyLocation(), "`lo' is the loopback interface every node already has;"
                    + " give this interface another name");
            return false;
        }
        if (isValidInterfaceName(entry.key())) {
            return true;
        }
        problems.error(entry.keyLocation(), "invalid interface name `" + entry.key()
                + "'; expected 1 to 15 letters, digits, `-', `_' or `.', starting with a letter or digit");
        return false;
    }
}
