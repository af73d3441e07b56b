package io.nflab.netfilter.eval;

import io.nflab.netfilter.target.LogTarget;
import io.nflab.packet.WireFormat;
import java.util.Locale;

/**
 * The kernel log line of the LOG target for an IPv4 packet, exactly as net/netfilter/nf_log_syslog.c
 * writes it ({@code nf_log_ip_packet}): the prefix, {@code IN=… OUT=…}, the MAC header for packets with an
 * input device, then {@code dump_ipv4_packet} walking the packet's wire bytes like the kernel walks the
 * {@code sk_buff}, including the one level of recursion into the datagram an ICMP error quotes and the
 * {@code INCOMPLETE}/{@code TRUNCATED} markers for short data. Each field ends with a space, so the line
 * does too.
 */
final class KernelLogLine {
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_ESP = 50;
    private static final int PROTO_AH = 51;
    private static final int PROTO_UDPLITE = 136;
    private static final int IP_HEADER = 20;
    private static final int TCP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int ICMP_HEADER = 8;
    /** The kernel's required_len[] of ICMP types 0..18 (NR_ICMP_TYPES): shorter messages are INCOMPLETE. */
    private static final int[] ICMP_REQUIRED = {4, 0, 0, 28, 28, 28, 0, 0, 4, 0, 0, 28, 28, 20, 20, 0, 0, 12, 12};

    private final StringBuilder line = new StringBuilder(256);
    private final byte[] bytes;
    private final int flags;
    private final PacketContext packet;

    private KernelLogLine(byte[] bytes, int flags, PacketContext packet) {
        this.bytes = bytes;
        this.flags = flags;
        this.packet = packet;
    }

    /** The line for {@code packet} with {@code prefix} and LOG's option bits ({@link LogTarget#TCP_SEQUENCE} …). */
    static String format(String prefix, int flags, PacketContext packet) {
        KernelLogLine log = new KernelLogLine(WireFormat.encode(packet.packet()), flags, packet);
        log.line.append(prefix).append("IN=").append(packet.inputInterface)
                .append(" OUT=").append(packet.outputInterface).append(' ');
        if (!packet.inputInterface.isEmpty()) {
            log.macHeader();
        }
        log.ipv4(0);
        return log.line.toString();
    }

    private void macHeader() {
        if ((flags & LogTarget.MAC_DECODE) != 0 && packet.hasLinkHeader) {
            line.append("MACSRC=").append(packet.linkSource).append(" MACDST=").append(packet.linkDestination)
                    .append(" MACPROTO=0800 ");
            return;
        }
        line.append("MAC=");
        if (packet.hasLinkHeader) {
            line.append(packet.linkDestination).append(':').append(packet.linkSource).append(":08:00");
        }
        line.append(' ');
    }

    /** dump_ipv4_packet at {@code offset} (0 for the packet, the quote's start inside an ICMP error). */
    private void ipv4(int offset) {
        int end = bytes.length;
        if (end - offset < IP_HEADER) {
            line.append("TRUNCATED");
            return;
        }
        int headerLength = (u8(offset) & 0x0f) * 4;
        int tos = u8(offset + 1);
        int fragmentField = u16(offset + 6);
        int protocol = u8(offset + 9);
        line.append("SRC=").append(address(offset + 12)).append(" DST=").append(address(offset + 16)).append(' ');
        line.append("LEN=").append(u16(offset + 2)).append(" TOS=0x").append(hex2(tos & 0x1e))
                .append(" PREC=0x").append(hex2(tos & 0xe0)).append(" TTL=").append(u8(offset + 8))
                .append(" ID=").append(u16(offset + 4)).append(' ');
        if ((fragmentField & 0x8000) != 0) {
            line.append("CE ");
        }
        if ((fragmentField & 0x4000) != 0) {
            line.append("DF ");
        }
        if ((fragmentField & 0x2000) != 0) {
            line.append("MF ");
        }
        int fragment = fragmentField & 0x1fff;
        if (fragment != 0) {
            line.append("FRAG:").append(fragment).append(' ');
        }
        if ((flags & LogTarget.IP_OPTIONS) != 0 && headerLength > IP_HEADER) {
            if (offset + headerLength > end) {
                line.append("TRUNCATED");
                return;
            }
            line.append("OPT (");
            appendHex(offset + IP_HEADER, offset + headerLength);
            line.append(") ");
        }
        int transport = offset + headerLength;
        boolean stop = switch (protocol) {
            case PROTO_TCP -> tcp(fragment, transport);
            case PROTO_UDP, PROTO_UDPLITE -> udp(protocol, fragment, transport);
            case PROTO_ICMP -> icmp(offset, fragment, transport);
            case PROTO_AH -> ah(fragment, transport);
            case PROTO_ESP -> esp(fragment, transport);
            default -> {
                line.append("PROTO=").append(protocol).append(' ');
                yield false;
            }
        };
        if (stop || offset != 0) {
            return;
        }
        if ((flags & LogTarget.UID) != 0 && packet.socket != null) {
            line.append("UID=").append(packet.socket.uid()).append(" GID=").append(packet.socket.gid()).append(' ');
        }
        if (packet.mark != 0) {
            line.append("MARK=0x").append(Long.toHexString(packet.mark)).append(' ');
        }
    }

    /** nf_log_dump_tcp_header; true when the dump stopped early. */
    private boolean tcp(int fragment, int offset) {
        line.append("PROTO=TCP ");
        if (fragment != 0) {
            return false;
        }
        int end = bytes.length;
        if (end - offset < TCP_HEADER) {
            incomplete(end - offset);
            return true;
        }
        line.append("SPT=").append(u16(offset)).append(" DPT=").append(u16(offset + 2)).append(' ');
        if ((flags & LogTarget.TCP_SEQUENCE) != 0) {
            line.append("SEQ=").append(u32(offset + 4)).append(" ACK=").append(u32(offset + 8)).append(' ');
        }
        line.append("WINDOW=").append(u16(offset + 14)).append(' ');
        line.append("RES=0x").append(hex2((u8(offset + 12) & 0x0f) << 2).toLowerCase(Locale.ROOT)).append(' ');
        int tcpFlags = u8(offset + 13);
        String[] names = {"CWR ", "ECE ", "URG ", "ACK ", "PSH ", "RST ", "SYN ", "FIN "};
        for (int bit = 7; bit >= 0; bit--) {
            if ((tcpFlags & 1 << bit) != 0) {
                line.append(names[7 - bit]);
            }
        }
        line.append("URGP=").append(u16(offset + 18)).append(' ');
        int headerLength = (u8(offset + 12) >>> 4) * 4;
        if ((flags & LogTarget.TCP_OPTIONS) != 0 && headerLength > TCP_HEADER) {
            if (offset + headerLength > end) {
                line.append("OPT (TRUNCATED)");
                return true;
            }
            line.append("OPT (");
            appendHex(offset + TCP_HEADER, offset + headerLength);
            line.append(") ");
        }
        return false;
    }

    /** nf_log_dump_udp_header. */
    private boolean udp(int protocol, int fragment, int offset) {
        line.append(protocol == PROTO_UDP ? "PROTO=UDP " : "PROTO=UDPLITE ");
        if (fragment != 0) {
            return false;
        }
        if (bytes.length - offset < UDP_HEADER) {
            incomplete(bytes.length - offset);
            return true;
        }
        line.append("SPT=").append(u16(offset)).append(" DPT=").append(u16(offset + 2))
                .append(" LEN=").append(u16(offset + 4)).append(' ');
        return false;
    }

    private boolean icmp(int ipOffset, int fragment, int offset) {
        line.append("PROTO=ICMP ");
        if (fragment != 0) {
            return false;
        }
        int available = bytes.length - offset;
        if (available < ICMP_HEADER) {
            incomplete(available);
            return false;
        }
        int type = u8(offset);
        int code = u8(offset + 1);
        line.append("TYPE=").append(type).append(" CODE=").append(code).append(' ');
        if (type < ICMP_REQUIRED.length && ICMP_REQUIRED[type] != 0 && available < ICMP_REQUIRED[type]) {
            incomplete(available);
            return false;
        }
        switch (type) {
            case 0, 8 -> line.append("ID=").append(u16(offset + 4)).append(" SEQ=").append(u16(offset + 6)).append(' ');
            case 12 -> line.append("PARAMETER=").append(u8(offset + 4)).append(' ');
            case 3, 4, 5, 11 -> {
                if (type == 5) {
                    line.append("GATEWAY=").append(address(offset + 4)).append(' ');
                }
                if (ipOffset == 0) {
                    line.append('[');
                    ipv4(offset + ICMP_HEADER);
                    line.append("] ");
                }
                if (type == 3 && code == 4) {
                    line.append("MTU=").append(u16(offset + 6)).append(' ');
                }
            }
            default -> {
                // other types: type and code only
            }
        }
        return false;
    }

    private boolean ah(int fragment, int offset) {
        if (fragment != 0) {
            return false;
        }
        line.append("PROTO=AH ");
        if (bytes.length - offset < 12) {
            incomplete(bytes.length - offset);
            return false;
        }
        line.append("SPI=0x").append(Long.toHexString(u32(offset + 4))).append(' ');
        return false;
    }

    private boolean esp(int fragment, int offset) {
        line.append("PROTO=ESP ");
        if (fragment != 0) {
            return false;
        }
        if (bytes.length - offset < 8) {
            incomplete(bytes.length - offset);
            return false;
        }
        line.append("SPI=0x").append(Long.toHexString(u32(offset))).append(' ');
        return false;
    }

    private void incomplete(int available) {
        line.append("INCOMPLETE [").append(available).append(" bytes] ");
    }

    private void appendHex(int from, int to) {
        for (int i = from; i < to; i++) {
            line.append(hex2(u8(i)));
        }
    }

    private static String hex2(int value) {
        String hex = Integer.toHexString(value).toUpperCase(Locale.ROOT);
        return hex.length() == 1 ? "0" + hex : hex;
    }

    private String address(int offset) {
        return u8(offset) + "." + u8(offset + 1) + "." + u8(offset + 2) + "." + u8(offset + 3);
    }

    private int u8(int offset) {
        return bytes[offset] & 0xff;
    }

    private int u16(int offset) {
        return u8(offset) << 8 | u8(offset + 1);
    }

    private long u32(int offset) {
        return (long) u16(offset) << 16 | u16(offset + 2);
    }
}
