package io.nflab.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sysctls a topology may set on a node (anything else is refused, never ignored). Per-interface
 * ones ({@code net.ipv4.conf.*.rp_filter}) take {@code all}, {@code default} or one of the node's
 * interfaces in place of the {@code *}.
 */
public enum Sysctl {
    IP_FORWARD("net.ipv4.ip_forward", 1, 0, 1),
    IP_DEFAULT_TTL("net.ipv4.ip_default_ttl", 1, 1, 255),
    ICMP_ECHO_IGNORE_ALL("net.ipv4.icmp_echo_ignore_all", 1, 0, 1),
    IP_LOCAL_PORT_RANGE("net.ipv4.ip_local_port_range", 2, 1, 65535),
    RP_FILTER("net.ipv4.conf.*.rp_filter", 1, 0, 2),
    ROUTE_LOCALNET("net.ipv4.conf.*.route_localnet", 1, 0, 1),
    CONNTRACK_HELPER("net.netfilter.nf_conntrack_helper", 1, 0, 1),
    CONNTRACK_ACCT("net.netfilter.nf_conntrack_acct", 1, 0, 1),
    CONNTRACK_MAX("net.netfilter.nf_conntrack_max", 1, 0, Integer.MAX_VALUE),
    CONNTRACK_TCP_LOOSE("net.netfilter.nf_conntrack_tcp_loose", 1, 0, 1),
    CONNTRACK_TCP_TIMEOUT_ESTABLISHED("net.netfilter.nf_conntrack_tcp_timeout_established", 1, 0, Integer.MAX_VALUE),
    CONNTRACK_UDP_TIMEOUT("net.netfilter.nf_conntrack_udp_timeout", 1, 0, Integer.MAX_VALUE),
    CONNTRACK_UDP_TIMEOUT_STREAM("net.netfilter.nf_conntrack_udp_timeout_stream", 1, 0, Integer.MAX_VALUE),
    CONNTRACK_ICMP_TIMEOUT("net.netfilter.nf_conntrack_icmp_timeout", 1, 0, Integer.MAX_VALUE),
    CONNTRACK_GENERIC_TIMEOUT("net.netfilter.nf_conntrack_generic_timeout", 1, 0, Integer.MAX_VALUE);

    private static final Pattern NUMBERS = Pattern.compile("[0-9]{1,10}(\\s+[0-9]{1,10})*");

    private final String pattern;
    private final int count;
    private final long min;
    private final long max;

    Sysctl(String pattern, int count, long min, long max) {
        this.pattern = pattern;
        this.count = count;
        this.min = min;
        this.max = max;
    }

    /** The name, with {@code *} standing for an interface in per-interface sysctls. */
    public String pattern() {
        return pattern;
    }

    public boolean perInterface() {
        return pattern.contains("*");
    }

    /** The full name of a sysctl that is not per interface. */
    public String key() {
        if (perInterface()) {
            throw new IllegalStateException(pattern + " is per interface");
        }
        return pattern;
    }

    /** The sysctl a full name means ({@code net.ipv4.conf.eth0.rp_filter} is {@link #RP_FILTER}). */
    public static Optional<Sysctl> find(String name) {
        return Arrays.stream(values())
                .filter(s -> s.perInterface() ? s.device(name).isPresent() : s.pattern.equals(name))
                .findFirst();
    }

    /**
     * The interface part of a per-interface name ({@code eth0}, {@code all}, {@code default}), if it is one;
     * as sysctl(8) has it, a dot in an interface name is written as a slash ({@code conf.eth0/100.rp_filter}).
     */
    public Optional<String> device(String name) {
        if (!perInterface()) {
            return Optional.empty();
        }
        int star = pattern.indexOf('*');
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        if (name.length() > prefix.length() + suffix.length() && name.startsWith(prefix) && name.endsWith(suffix)) {
            String part = name.substring(prefix.length(), name.length() - suffix.length());
            String device = part.replace('/', '.'); // sysctl(8) writes eth0.100 as eth0/100 between the dots
            return !part.contains(".") && (Names.isValidInterfaceName(device) || device.equals("lo"))
                    ? Optional.of(device)
                    : Optional.empty();
        }
        return Optional.empty();
    }

    /** The value written the way the kernel takes it (numbers separated by one space), or empty when it is out of range. */
    public Optional<String> normalize(String value) {
        String text = value.strip();
        if (!NUMBERS.matcher(text).matches()) {
            return Optional.empty();
        }
        long[] numbers = Arrays.stream(text.split("\\s+")).mapToLong(Long::parseLong).toArray();
        if (numbers.length != count || Arrays.stream(numbers).anyMatch(n -> n < min || n > max)) {
            return Optional.empty();
        }
        if (count == 2 && numbers[0] > numbers[1]) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(numbers).mapToObj(Long::toString).collect(Collectors.joining(" ")));
    }

    /** What {@link #normalize} accepts, for messages. */
    public String expectedValue() {
        return count == 1 ? "an integer " + min + ".." + max : "two numbers LOW HIGH in " + min + ".." + max;
    }
}
