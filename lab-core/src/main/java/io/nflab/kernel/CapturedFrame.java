package io.nflab.kernel;

import io.nflab.packet.ArpOperation;
import io.nflab.packet.ArpPacket;
import io.nflab.packet.Bytes;
import io.nflab.packet.ChecksumPolicy;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.EthernetPayload;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.MalformedPacketException;
import io.nflab.packet.WireFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One frame a kernel lab captured on a node's interface: where, which way, when, the exact bytes, and
 * the frame decoded from them. Checksums are not part of the packet model; {@code checksumsValid}
 * says whether the IPv4 header and TCP/UDP/ICMP checksums on the wire were right (the lab turns
 * checksum offload off, so the kernel finishes every checksum before the capture sees it).
 *
 * @param afterNanos     nanoseconds from the injection to the capture (kernel timestamps)
 * @param frame          the decoded frame; empty when the bytes are no Ethernet frame nflab models
 * @param checksumsValid whether every checksum in the frame was right (false when undecodable)
 * @param undecodable    why the bytes could not be decoded; empty when {@code frame} is present
 */
public record CapturedFrame(String node, String iface, PacketType type, long afterNanos, Bytes bytes,
        Optional<EthernetFrame> frame, boolean checksumsValid, Optional<String> undecodable) {

    public CapturedFrame {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(undecodable, "undecodable");
        if (frame.isPresent() == undecodable.isPresent()) {
            throw new IllegalArgumentException("a captured frame is either decoded or undecodable");
        }
        if (frame.isEmpty() && checksumsValid) {
            throw new IllegalArgumentException("an undecodable frame has no valid checksums");
        }
    }

    /** Decodes captured bytes: checksums verified when they are right, ignored when not. */
    public static CapturedFrame decode(String node, String iface, PacketType type, long afterNanos, Bytes bytes) {
        byte[] raw = bytes.toArray();
        try {
            return new CapturedFrame(node, iface, type, afterNanos, bytes,
                    Optional.of(WireFormat.decodeEthernet(raw, ChecksumPolicy.VERIFY)), true, Optional.empty());
        } catch (MalformedPacketException wrongChecksum) {
            try {
                return new CapturedFrame(node, iface, type, afterNanos, bytes,
                        Optional.of(WireFormat.decodeEthernet(raw, ChecksumPolicy.IGNORE)), false, Optional.empty());
            } catch (MalformedPacketException e) {
                return new CapturedFrame(node, iface, type, afterNanos, bytes, Optional.empty(), false,
                        Optional.of(e.getMessage()));
            }
        }
    }

    public NodeInterface at() {
        return new NodeInterface(node, iface);
    }

    public Direction direction() {
        return type.direction();
    }

    /** The IPv4 packet the frame carries, if it carries one. */
    public Optional<Ipv4Packet> ipv4() {
        return frame.map(EthernetFrame::payload).filter(Ipv4Packet.class::isInstance).map(Ipv4Packet.class::cast);
    }

    /** {@code 0.117ms gw:eth0 in HOST 02:6e:66:00:00:00 > 02:6e:66:00:01:00 tcp 203.0.113.10:40000 > … }. */
    @Override
    public String toString() {
        String what = frame.map(f -> f.source() + " > " + f.destination() + " " + describe(f.payload())
                        + (checksumsValid ? "" : " (bad checksum)"))
                .orElseGet(() -> "undecodable (" + undecodable.orElseThrow() + ") " + bytes.toHex());
        return String.format("%.3fms %s %s %s %s", afterNanos / 1e6, at(), direction().name().toLowerCase(),
                type, what);
    }

    /** The packet text of an IPv4 packet (PacketText); tcpdump's words for ARP. */
    private static String describe(EthernetPayload payload) {
        if (payload instanceof ArpPacket arp) {
            return arp.operation() == ArpOperation.REQUEST
                    ? "arp who-has " + arp.targetIp() + " tell " + arp.senderIp()
                    : "arp reply " + arp.senderIp() + " is-at " + arp.senderMac();
        }
        return payload.toString();
    }
}
