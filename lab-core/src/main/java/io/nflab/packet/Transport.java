package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an IPv4 packet carries: a TCP segment, a UDP datagram, an ICMP message, or raw bytes of any
 * other protocol (and of fragments). Jackson tags each kind by name in the property {@code kind}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TcpSegment.class, name = "tcp"),
    @JsonSubTypes.Type(value = UdpDatagram.class, name = "udp"),
    @JsonSubTypes.Type(value = IcmpQuery.class, name = "icmp-query"),
    @JsonSubTypes.Type(value = IcmpError.class, name = "icmp-error"),
    @JsonSubTypes.Type(value = IcmpOther.class, name = "icmp-other"),
    @JsonSubTypes.Type(value = RawTransport.class, name = "raw")})
public sealed interface Transport permits PortTransport, IcmpMessage, RawTransport {

    /** The IP protocol number this goes under. */
    IpProtocol protocol();

    /** Bytes on the wire: the transport header (if any) plus the payload. */
    int length();
}
