package io.nflab.iptables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * User and group names for the owner match. nflab never reads the host's /etc/passwd: it ships
 * Debian 12's base-passwd master files (root, daemon, … www-data, nobody) as resources and looks
 * names up only there, the same files the iptables corpus was recorded with.
 */
public final class Accounts {
    private record Entry(String name, long id) {
    }

    private static final List<Entry> USERS = load("passwd");
    private static final List<Entry> GROUPS = load("group");

    private Accounts() {
    }

    public static Optional<Long> uid(String name) {
        return USERS.stream().filter(e -> e.name().equals(name)).map(Entry::id).findFirst();
    }

    public static Optional<Long> gid(String name) {
        return GROUPS.stream().filter(e -> e.name().equals(name)).map(Entry::id).findFirst();
    }

    public static Optional<String> userName(long uid) {
        return USERS.stream().filter(e -> e.id() == uid).map(Entry::name).findFirst();
    }

    public static Optional<String> groupName(long gid) {
        return GROUPS.stream().filter(e -> e.id() == gid).map(Entry::name).findFirst();
    }

    /** {@code name:password:id:…} lines. */
    private static List<Entry> load(String resource) {
        try (InputStream in = Accounts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource io/nflab/iptables/" + resource + " is missing");
            }
            List<Entry> entries = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 3 && !line.startsWith("#")) {
                    entries.add(new Entry(fields[0], Long.parseLong(fields[2])));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
