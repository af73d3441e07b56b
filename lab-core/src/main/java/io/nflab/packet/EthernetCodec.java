package io.nflab.packet;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;

/** Ethernet II frames and the ARP packets they carry, on the wire. Frames are not padded to 60 bytes. */
final class EthernetCodec {
    private EthernetCodec() {
    }

    static byte[] encode(EthernetFrame frame) {
        EthernetPayload payload = frame.payload();
        int payloadLength = payload instanceof Ipv4Packet ip ? ip.totalLength() : ArpPacket.LENGTH;
        byte[] out = new byte[EthernetFrame.HEADER_LENGTH + payloadLength];
        putMac(out, 0, frame.destination());
        putMac(out, 6, frame.source());
        Wire.putShort(out, 12, frame.etherType());
        if (payload instanceof Ipv4Packet ip) {
            Ipv4Codec.write(out, EthernetFrame.HEADER_LENGTH, ip);
        } else if (payload instanceof ArpPacket arp) {
            writeArp(out, EthernetFrame.HEADER_LENGTH, arp);
        }
        return out;
    }

    /** Bytes after the payload (padding to the 60-byte minimum frame) are ignored. */
    static EthernetFrame decode(byte[] in, ChecksumPolicy policy) {
        if (in.length < EthernetFrame.HEADER_LENGTH) {
            throw new MalformedPacketException("Ethernet header truncated: " + in.length + " of 14 bytes", in.length);
        }
        int etherType = Wire.getShort(in, 12);
        int offset = EthernetFrame.HEADER_LENGTH;
        int available = in.length - offset;
        EthernetPayload payload;
        if (etherType == EthernetFrame.ETHERTYPE_IPV4) {
            payload = Ipv4Codec.decode(in, offset, available, policy, true);
        } else if (etherType == EthernetFrame.ETHERTYPE_ARP) {
            payload = readArp(in, offset, available);
        } else {
            throw new MalformedPacketException("EtherType 0x" + String.format("%04x", etherType)
                    + " is not supported (only IPv4 0x0800 and ARP 0x0806)", 12);
        }
        return new EthernetFrame(mac(in, 0), mac(in, 6), payload);
    }

    private static void writeArp(byte[] out, int offset, ArpPacket arp) {
        Wire.putShort(out, offset, 1);
        Wire.putShort(out, offset + 2, EthernetFrame.ETHERTYPE_IPV4);
        out[offset + 4] = 6;
        out[offset + 5] = 4;
        Wire.putShort(out, offset + 6, arp.operation().code());
        putMac(out, offset + 8, arp.senderMac());
        Wire.putInt(out, offset + 14, arp.senderIp().bits() & 0xffff_ffffL);
        putMac(out, offset + 18, arp.targetMac());
        Wire.putInt(out, offset + 24, arp.targetIp().bits() & 0xffff_ffffL);
    }

    private static ArpPacket readArp(byte[] in, int offset, int available) {
        if (available < ArpPacket.LENGTH) {
            throw new MalformedPacketException("ARP packet truncated: " + available + " of 28 bytes", offset + available);
        }
        if (Wire.getShort(in, offset) != 1 || Wire.getShort(in, offset + 2) != EthernetFrame.ETHERTYPE_IPV4
                || in[offset + 4] != 6 || in[offset + 5] != 4) {
            throw new MalformedPacketException("ARP for other than IPv4 over Ethernet is not supported", offset);
        }
        int code = Wire.getShort(in, offset + 6);
        ArpOperation operation = ArpOperation.ofCode(code);
        if (operation == null) {
            throw new MalformedPacketException("ARP operation " + code + ", expected 1 (request) or 2 (reply)",
                    offset + 6);
        }
        return new ArpPacket(operation, mac(in, offset + 8), Ipv4Address.of((int) Wire.getInt(in, offset + 14)),
                mac(in, offset + 18), Ipv4Address.of((int) Wire.getInt(in, offset + 24)));
    }

    private static void putMac(byte[] out, int offset, MacAddress mac) {
        long bits = mac.bits();
        for (int i = 0; i < 6; i++) {
            out[offset + i] = (byte) (bits >>> (40 - 8 * i));
        }
    }

    private static MacAddress mac(byte[] in, int offset) {
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = bits << 8 | (in[offset + i] & 0xff);
        }
        return MacAddress.of(bits);
    }
}
