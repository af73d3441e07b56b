package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IPv4 protocol number (0..255), an open set of named numbers: the names are those of Debian's
 * {@code /etc/protocols} that iptables prints ({@code tcp}, {@code udp}, {@code icmp}, {@code gre},
 * {@code ipv6-icmp}, …); numbers without a name print as the number, as iptables does.
 * {@link #of} never allocates.
 */
public final class IpProtocol implements Comparable<IpProtocol> {
    private static final String[] NAMES = new String[256];
    private static final Map<String, IpProtocol> BY_NAME = new HashMap<>();
    private static final IpProtocol[] ALL = new IpProtocol[256];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new IpProtocol(i);
        }
        loadProtocolsFile();
        // Names iptables knows besides /etc/protocols (xtables_chain_protos).
        BY_NAME.putIfAbsent("icmpv6", ALL[58]);
        BY_NAME.putIfAbsent("ipv6-mh", ALL[135]);
        BY_NAME.putIfAbsent("mh", ALL[135]);
    }

    public static final IpProtocol ICMP = of(1);
    public static final IpProtocol IGMP = of(2);
    public static final IpProtocol IPIP = of(4);
    public static final IpProtocol TCP = of(6);
    public static final IpProtocol UDP = of(17);
    public static final IpProtocol GRE = of(47);
    public static final IpProtocol ESP = of(50);
    public static final IpProtocol AH = of(51);
    public static final IpProtocol SCTP = of(132);
    public static final IpProtocol UDPLITE = of(136);

    private final int number;

    private IpProtocol(int number) {
        this.number = number;
    }

    public static IpProtocol of(int number) {
        return ALL[Octets.checked(number, "IP protocol")];
    }

    /** A decimal number 0..255 or a name ({@code tcp}, {@code gre}, …; lowercase as in /etc/protocols). */
    @JsonCreator
    public static IpProtocol parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("unknown IP protocol \"" + text + "\""));
    }

    public static Optional<IpProtocol> tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt number = Octets.parseDecimal(text);
        if (number.isPresent()) {
            return Optional.of(ALL[number.getAsInt()]);
        }
        return Optional.ofNullable(BY_NAME.get(text));
    }

    public int number() {
        return number;
    }

    /** Whether /etc/protocols names this number. */
    public boolean hasName() {
        return NAMES[number] != null;
    }

    /** The name iptables prints, or the decimal number when there is none. */
    @JsonValue
    public String name() {
        return NAMES[number] != null ? NAMES[number] : Integer.toString(number);
    }

    @Override
    public int compareTo(IpProtocol other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpProtocol other && other.number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    @Override
    public String toString() {
        return name();
    }

    /** Lines {@code name number [aliases] [# comment]}; the first name of a number is the one printed. */
    private static void loadProtocolsFile() {
        try (InputStream in = IpProtocol.class.getResourceAsStream("protocols")) {
            if (in == null) {
                throw new IllegalStateException("resource io/nflab/packet/protocols is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int hash = line.indexOf('#');
                String[] words = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                if (words.length < 2) {
                    continue;
                }
                int number = Integer.parseInt(words[1]);
                if (number <= 255) {
                    if (NAMES[number] == null) {
                        NAMES[number] = words[0];
                    }
                    BY_NAME.putIfAbsent(words[0], ALL[number]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
