package io.nflab.packet;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import java.util.Objects;

/** An ARP request or reply for IPv4 over Ethernet (RFC 826). */
public record ArpPacket(
        ArpOperation operation,
        MacAddress senderMac,
        Ipv4Address senderIp,
        MacAddress targetMac,
        Ipv4Address targetIp) implements EthernetPayload {

    public static final int LENGTH = 28;

    public ArpPacket {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(senderIp, "senderIp");
        Objects.requireNonNull(targetMac, "targetMac");
        Objects.requireNonNull(targetIp, "targetIp");
    }

    /** "Who has {@code targetIp}? Tell {@code senderIp}": the target MAC is zero, as Linux sends it. */
    public static ArpPacket request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return new ArpPacket(ArpOperation.REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /** The reply to {@code request} from the owner of its target address. */
    public static ArpPacket replyTo(ArpPacket request, MacAddress ownerMac) {
        return new ArpPacket(ArpOperation.REPLY, ownerMac, request.targetIp, request.senderMac, request.senderIp);
    }

    @Override
    public int etherType() {
        return EthernetFrame.ETHERTYPE_ARP;
    }
}
