package io.nflab.packet;

/**
 * Whether decoding checks the checksums. Packets captured on the sending side of a veth pair carry
 * unfinished checksums (offload), so captures may need {@link #IGNORE}.
 */
public enum ChecksumPolicy {
    /** Wrong IPv4 header, TCP, UDP or ICMP checksums are malformed input. */
    VERIFY,
    /** Checksums are not looked at. */
    IGNORE
}
