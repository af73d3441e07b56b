package io.nflab.packet;

/** ICMP code numbers (RFC 792, RFC 1812) of the types that have several; names are in {@link IcmpNames}. */
public final class IcmpCode {
    // destination-unreachable
    public static final int NETWORK_UNREACHABLE = 0;
    public static final int HOST_UNREACHABLE = 1;
    public static final int PROTOCOL_UNREACHABLE = 2;
    public static final int PORT_UNREACHABLE = 3;
    public static final int FRAGMENTATION_NEEDED = 4;
    public static final int SOURCE_ROUTE_FAILED = 5;
    public static final int NETWORK_UNKNOWN = 6;
    public static final int HOST_UNKNOWN = 7;
    public static final int SOURCE_HOST_ISOLATED = 8;
    public static final int NETWORK_PROHIBITED = 9;
    public static final int HOST_PROHIBITED = 10;
    public static final int TOS_NETWORK_UNREACHABLE = 11;
    public static final int TOS_HOST_UNREACHABLE = 12;
    public static final int COMMUNICATION_PROHIBITED = 13;
    public static final int HOST_PRECEDENCE_VIOLATION = 14;
    public static final int PRECEDENCE_CUTOFF = 15;
    // redirect
    public static final int NETWORK_REDIRECT = 0;
    public static final int HOST_REDIRECT = 1;
    public static final int TOS_NETWORK_REDIRECT = 2;
    public static final int TOS_HOST_REDIRECT = 3;
    // time-exceeded
    public static final int TTL_ZERO_DURING_TRANSIT = 0;
    public static final int TTL_ZERO_DURING_REASSEMBLY = 1;
    // parameter-problem
    public static final int IP_HEADER_BAD = 0;
    public static final int REQUIRED_OPTION_MISSING = 1;

    private IcmpCode() {
    }
}
