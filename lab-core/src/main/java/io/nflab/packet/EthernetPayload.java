package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What an Ethernet frame carries: an ARP packet or an IPv4 packet. Jackson tags it by name in {@code type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ArpPacket.class, name = "arp"),
    @JsonSubTypes.Type(value = Ipv4Packet.class, name = "ipv4")})
public sealed interface EthernetPayload permits ArpPacket, Ipv4Packet {

    /** The frame's EtherType for this payload (0x0806, 0x0800). */
    int etherType();
}
