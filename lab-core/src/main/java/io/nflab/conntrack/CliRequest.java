package io.nflab.conntrack;

import io.nflab.conntrack.CliTables.Command;

/**
 * A parsed conntrack command line: the command, the option bits given, and the attributes conntrack puts
 * in its template entry ({@code tmpl->ct}) — what to create, compare with or update. Unset attributes are
 * null. Addresses are IPv4 bits; an IPv6 address only sets the family.
 */
final class CliRequest {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int OUTPUT_XML = 1;
    static final int OUTPUT_EXTENDED = 1 << 1;
    static final int OUTPUT_TIMESTAMP = 1 << 2;
    static final int OUTPUT_ID = 1 << 3;
    static final int OUTPUT_KTIMESTAMP = 1 << 4;
    static final int OUTPUT_LABELS = 1 << 5;
    static final int OUTPUT_SAVE = 1 << 6;

    Command command;
    /** Which table -L, -C, -F … address: conntrack, expect, dying, unconfirmed. */
    String table = "conntrack";
    int options;
    int family = AF_UNSPEC;

    Integer origSrc;
    Integer origDst;
    Integer replySrc;
    Integer replyDst;
    /** Netmasks of {@code -s}/{@code -d} in CIDR form (network filter), null when exact. */
    Integer srcMask;
    Integer dstMask;

    CliProtocol module;
    Integer protocol;
    int moduleFlags;
    Integer origSourcePort;
    Integer origDestinationPort;
    Integer replySourcePort;
    Integer replyDestinationPort;
    Integer icmpType;
    Integer icmpCode;
    Integer icmpId;
    TcpState tcpState;

    long timeout;
    int status;
    int statusMask;
    long markValue;
    long markMask;
    Integer zone;
    Long id;
    Long secmark;
    Integer snatAddress;
    Integer snatPort;
    Integer dnatAddress;
    Integer dnatPort;
    int output;

    boolean has(int option) {
        return (options & option) != 0;
    }
}
