package io.nflab.iptables;

import java.util.Map;
import java.util.Optional;

/**
 * User and group names for the owner match. nflab never reads the host's /etc/passwd: it knows the
 * accounts Debian 12's base-passwd creates on every system (root, daemon, bin, … nobody/nogroup).
 */
public final class Accounts {
    private static final Map<String, Integer> USERS = Map.ofEntries(
            Map.entry("root", 0), Map.entry("daemon", 1), Map.entry("bin", 2), Map.entry("sys", 3),
            Map.entry("sync", 4), Map.entry("games", 5), Map.entry("man", 6), Map.entry("lp", 7),
            Map.entry("mail", 8), Map.entry("news", 9), Map.entry("uucp", 10), Map.entry("proxy", 13),
            Map.entry("www-data", 33), Map.entry("backup", 34), Map.entry("list", 38), Map.entry("irc", 39),
            Map.entry("_apt", 42), Map.entry("nobody", 65534));
    private static final Map<String, Integer> GROUPS = Map.ofEntries(
            Map.entry("root", 0), Map.entry("daemon", 1), Map.entry("bin", 2), Map.entry("sys", 3),
            Map.entry("adm", 4), Map.entry("tty", 5), Map.entry("disk", 6), Map.entry("lp", 7),
            Map.entry("mail", 8), Map.entry("news", 9), Map.entry("uucp", 10), Map.entry("man", 12),
            Map.entry("proxy", 13), Map.entry("kmem", 15), Map.entry("dialout", 20), Map.entry("fax", 21),
            Map.entry("voice", 22), Map.entry("cdrom", 24), Map.entry("floppy", 25), Map.entry("tape", 26),
            Map.entry("sudo", 27), Map.entry("audio", 29), Map.entry("dip", 30), Map.entry("www-data", 33),
            Map.entry("backup", 34), Map.entry("operator", 37), Map.entry("list", 38), Map.entry("irc", 39),
            Map.entry("src", 40), Map.entry("shadow", 42), Map.entry("utmp", 43), Map.entry("video", 44),
            Map.entry("sasl", 45), Map.entry("plugdev", 46), Map.entry("staff", 50), Map.entry("games", 60),
            Map.entry("users", 100), Map.entry("nogroup", 65534));

    private Accounts() {
    }

    public static Optional<Integer> uid(String name) {
        return Optional.ofNullable(USERS.get(name));
    }

    public static Optional<Integer> gid(String name) {
        return Optional.ofNullable(GROUPS.get(name));
    }

    public static Optional<String> userName(long uid) {
        return USERS.entrySet().stream().filter(e -> e.getValue() == uid).map(Map.Entry::getKey).findFirst();
    }

    public static Optional<String> groupName(long gid) {
        return GROUPS.entrySet().stream().filter(e -> e.getValue() == gid).map(Map.Entry::getKey).findFirst();
    }
}
