package io.nflab.conntrack;

import java.util.Optional;

/**
 * The {@code net.netfilter.nf_conntrack_*} sysctls a table has, with the defaults and ranges of Linux 6.18
 * (read with {@code sysctl -a} in a fresh network namespace). Timeouts are in seconds.
 *
 * <p>Not here: {@code nf_conntrack_count} (read-only, the table's {@link ConntrackTable#count}), and the
 * IPv6, SCTP and fragment-reassembly knobs, because nflab models neither. Some are kept for {@code sysctl}
 * fidelity only, their effect not being modelled: {@code checksum} (lab packets have valid checksums),
 * {@code events} and {@code log_invalid} (no event listeners, no kernel log), {@code timestamp},
 * {@code buckets}, {@code tcp_be_liberal}, {@code tcp_ignore_invalid_rst} and {@code tcp_max_retrans}
 * (no TCP window tracking, see docs/conntrack.md).
 */
public enum ConntrackSysctl {
    ACCT("nf_conntrack_acct", 0, 0, 1),
    BUCKETS("nf_conntrack_buckets", 262144, 1, Integer.MAX_VALUE),
    CHECKSUM("nf_conntrack_checksum", 1, 0, 1),
    EVENTS("nf_conntrack_events", 2, 0, 2),
    EXPECT_MAX("nf_conntrack_expect_max", 4096, 1, Integer.MAX_VALUE),
    GENERIC_TIMEOUT("nf_conntrack_generic_timeout", 600),
    GRE_TIMEOUT("nf_conntrack_gre_timeout", 30),
    GRE_TIMEOUT_STREAM("nf_conntrack_gre_timeout_stream", 180),
    ICMP_TIMEOUT("nf_conntrack_icmp_timeout", 30),
    LOG_INVALID("nf_conntrack_log_invalid", 0, 0, 255),
    /** 0 means no limit. */
    MAX("nf_conntrack_max", 262144, 0, Integer.MAX_VALUE),
    TCP_BE_LIBERAL("nf_conntrack_tcp_be_liberal", 0, 0, 1),
    TCP_IGNORE_INVALID_RST("nf_conntrack_tcp_ignore_invalid_rst", 0, 0, 1),
    TCP_LOOSE("nf_conntrack_tcp_loose", 1, 0, 1),
    TCP_MAX_RETRANS("nf_conntrack_tcp_max_retrans", 3, 0, 255),
    TCP_TIMEOUT_CLOSE("nf_conntrack_tcp_timeout_close", 10),
    TCP_TIMEOUT_CLOSE_WAIT("nf_conntrack_tcp_timeout_close_wait", 60),
    TCP_TIMEOUT_ESTABLISHED("nf_conntrack_tcp_timeout_established", 432000),
    TCP_TIMEOUT_FIN_WAIT("nf_conntrack_tcp_timeout_fin_wait", 120),
    TCP_TIMEOUT_LAST_ACK("nf_conntrack_tcp_timeout_last_ack", 30),
    TCP_TIMEOUT_MAX_RETRANS("nf_conntrack_tcp_timeout_max_retrans", 300),
    TCP_TIMEOUT_SYN_RECV("nf_conntrack_tcp_timeout_syn_recv", 60),
    TCP_TIMEOUT_SYN_SENT("nf_conntrack_tcp_timeout_syn_sent", 120),
    TCP_TIMEOUT_TIME_WAIT("nf_conntrack_tcp_timeout_time_wait", 120),
    TCP_TIMEOUT_UNACKNOWLEDGED("nf_conntrack_tcp_timeout_unacknowledged", 300),
    TIMESTAMP("nf_conntrack_timestamp", 0, 0, 1),
    UDP_TIMEOUT("nf_conntrack_udp_timeout", 30),
    UDP_TIMEOUT_STREAM("nf_conntrack_udp_timeout_stream", 120);

    /** The prefix of every key: {@code net.netfilter.}. */
    public static final String PREFIX = "net.netfilter.";

    private final String shortName;
    private final int defaultValue;
    private final int min;
    private final int max;

    ConntrackSysctl(String shortName, int defaultValue) {
        this(shortName, defaultValue, 0, Integer.MAX_VALUE);
    }

    ConntrackSysctl(String shortName, int defaultValue, int min, int max) {
        this.shortName = shortName;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
    }

    /** The full key, e.g. {@code net.netfilter.nf_conntrack_tcp_loose}. */
    public String key() {
        return PREFIX + shortName;
    }

    public int defaultValue() {
        return defaultValue;
    }

    boolean accepts(long value) {
        return value >= min && value <= max;
    }

    /** The sysctl with this key ({@code net.netfilter.…} or the dotted/slashed form sysctl(8) also accepts). */
    public static Optional<ConntrackSysctl> byKey(String key) {
        String normalized = key.replace('/', '.');
        for (ConntrackSysctl sysctl : values()) {
            if (sysctl.key().equals(normalized)) {
                return Optional.of(sysctl);
            }
        }
        return Optional.empty();
    }
}
