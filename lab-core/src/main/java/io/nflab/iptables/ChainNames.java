package io.nflab.iptables;

import java.util.Set;

/** The rules iptables applies to chain and target names. */
final class ChainNames {
    /** XT_EXTENSION_MAXNAMELEN: names must be shorter. */
    static final int MAX_LENGTH = 29;
    /** Names that iptables resolves as targets, so a chain may not take them. */
    private static final Set<String> STANDARD = Set.of("ACCEPT", "DROP", "QUEUE", "RETURN");

    private ChainNames() {
    }

    /** iptables' assert_valid_chain_name, for {@code -N}. */
    static void assertValid(String name) {
        if (name.length() >= MAX_LENGTH) {
            throw IptablesException.parameter("chain name `" + name + "' too long (must be under " + MAX_LENGTH + " chars)");
        }
        if (name.startsWith("-") || name.startsWith("!")) {
            throw IptablesException.parameter("chain name not allowed to start with `" + name.charAt(0) + "'");
        }
        if (isTargetName(name)) {
            throw IptablesException.parameter("chain name may not clash with target name");
        }
        for (char c : name.toCharArray()) {
            if (Character.isWhitespace(c)) {
                throw IptablesException.parameter("Invalid chain name `" + name + "'");
            }
        }
    }

    static boolean isStandardVerdict(String name) {
        return STANDARD.contains(name);
    }

    /** A standard verdict, a target nflab implements, or one of iptables' other target extensions. */
    static boolean isTargetName(String name) {
        return STANDARD.contains(name) || name.isEmpty() || Extensions.get().target(name).isPresent()
                || UnsupportedExtensions.isTarget(name);
    }
}
