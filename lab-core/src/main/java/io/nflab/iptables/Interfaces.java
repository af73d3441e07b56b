package io.nflab.iptables;

import io.nflab.netfilter.InterfaceSpec;

/** {@code -i}/{@code -o} arguments as {@code xtables_parse_interface} reads them. */
final class Interfaces {
    /** IFNAMSIZ - 1. */
    static final int MAX_NAME = 15;

    private Interfaces() {
    }

    static InterfaceSpec parse(String name, boolean negated, RuleContext rule) {
        if (name.length() > MAX_NAME) {
            throw IptablesException.parameter("interface name `" + name + "' must be shorter than IFNAMSIZ (" + MAX_NAME + ")");
        }
        if (name.indexOf('/') >= 0 || name.indexOf(' ') >= 0) {
            rule.warn("Warning: weird character in interface `" + name
                    + "' ('/' and ' ' are not allowed by the kernel).");
        }
        if (name.endsWith("+")) {
            return new InterfaceSpec(name.substring(0, name.length() - 1), true, negated);
        }
        return new InterfaceSpec(name, false, negated);
    }
}
