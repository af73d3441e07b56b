package io.nflab.link;

/** What an IPv4 address is to this namespace, as the kernel's {@code inet_addr_type} answers (from the local table). */
public enum AddressType {
    /** Anyone else's address. */
    UNICAST,
    /** One of ours. */
    LOCAL,
    /** A broadcast address (limited, 0.0.0.0, or a subnet broadcast of one of ours). */
    BROADCAST,
    /** 224.0.0.0/4. */
    MULTICAST
}
