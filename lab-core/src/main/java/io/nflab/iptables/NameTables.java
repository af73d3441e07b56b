package io.nflab.iptables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The service and protocol names iptables looks up through {@code getservbyport}/{@code getprotobynumber}.
 * nflab never asks the host: it reads copies of Debian 12's {@code /etc/services} and
 * {@code /etc/protocols} (package netbase) shipped as resources, so output is the same on every machine
 * and no lookup (DNS, NSS) ever happens.
 */
public final class NameTables {
    private static final NameTables INSTANCE = new NameTables(
            load("services"), load("protocols"));

    /** One line of a services or protocols file: the official name, the number, the protocol (services only), aliases. */
    private record Entry(String name, int number, String protocol, List<String> aliases) {
    }

    private final List<Entry> services;
    private final List<Entry> protocols;

    private NameTables(List<String> serviceLines, List<String> protocolLines) {
        this.services = new ArrayList<>();
        for (String line : serviceLines) {
            String[] words = words(line);
            if (words.length >= 2 && words[1].contains("/")) {
                String[] portProto = words[1].split("/", 2);
                services.add(new Entry(words[0], Integer.parseInt(portProto[0]), portProto[1], aliases(words, 2)));
            }
        }
        this.protocols = new ArrayList<>();
        for (String line : protocolLines) {
            String[] words = words(line);
            if (words.length >= 2) {
                protocols.add(new Entry(words[0], Integer.parseInt(words[1]), "", aliases(words, 2)));
            }
        }
    }

    public static NameTables get() {
        return INSTANCE;
    }

    /** {@code getservbyport(port, protocol)}: the first service on that port for that protocol. */
    public Optional<String> serviceName(int port, String protocol) {
        for (Entry entry : services) {
            if (entry.number == port && entry.protocol.equals(protocol)) {
                return Optional.of(entry.name);
            }
        }
        return Optional.empty();
    }

    /** {@code getservbyname(name, protocol)}: the port of a service name or alias. */
    public Optional<Integer> servicePort(String name, String protocol) {
        for (Entry entry : services) {
            if (entry.protocol.equals(protocol) && (entry.name.equals(name) || entry.aliases.contains(name))) {
                return Optional.of(entry.number);
            }
        }
        return Optional.empty();
    }

    /** {@code getprotobynumber}: the official name, e.g. 47 is {@code gre}. */
    public Optional<String> protocolName(int number) {
        for (Entry entry : protocols) {
            if (entry.number == number) {
                return Optional.of(entry.name);
            }
        }
        return Optional.empty();
    }

    /** {@code getprotobyname}: a name or alias, case-sensitive like glibc. */
    public Optional<Integer> protocolNumber(String name) {
        for (Entry entry : protocols) {
            if (entry.name.equals(name) || entry.aliases.contains(name)) {
                return Optional.of(entry.number);
            }
        }
        return Optional.empty();
    }

    private static String[] words(String line) {
        int hash = line.indexOf('#');
        String content = (hash < 0 ? line : line.substring(0, hash)).trim();
        return content.isEmpty() ? new String[0] : content.split("\\s+");
    }

    private static List<String> aliases(String[] words, int from) {
        List<String> aliases = new ArrayList<>();
        for (int i = from; i < words.length; i++) {
            aliases.add(words[i]);
        }
        return aliases;
    }

    private static List<String> load(String resource) {
        try (InputStream in = NameTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource io/nflab/iptables/" + resource + " is missing");
            }
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
