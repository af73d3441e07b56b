package io.nflab.packet;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Packets for the tests: a hand-picked set covering every feature, and random ones from a seed. */
final class PacketSamples {
    /** Canonical texts, one per feature of the model. */
    static final List<String> TEXTS = List.of(
            "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S",
            "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S opts mss=1460,sackok,ts=1000:0,nop,wscale=7 df",
            "tcp 192.168.1.2:8080 > 203.0.113.10:40000 flags PA seq 1 ack 1 win 502 ttl 63 tos 0x10 ipid 4660"
                    + " data \"HTTP/1.0 200 OK\\r\\n\\r\\n\"",
            "tcp 10.0.0.1:1 > 10.0.0.2:2 flags FSRPAUEC seq 4294967295 ack 4294967295 win 0 urg 65535"
                    + " opts sack=1-2/3-4,kind30=0a0b,kind254,eol,eol,eol,eol len 3",
            "tcp 10.0.0.1:0 > 10.0.0.2:65535 ttl 0",
            "udp 192.168.1.2:5353 > 10.0.0.2:53 len 40",
            "udp 192.168.1.2:5353 > 10.0.0.2:53 ttl 255 data \"\\x00\\x01\\xff\\\"\\\\\"",
            "icmp 10.0.0.2 > 192.168.1.2 echo-request id 7 seq 1",
            "icmp 192.168.1.2 > 10.0.0.2 echo-reply id 65535 seq 65535 len 56",
            "icmp 10.0.0.2 > 192.168.1.2 timestamp-request id 1 data \"\\x00\\x00\\x00\\x01\"",
            "icmp 10.0.0.2 > 192.168.1.2 8/5 id 3",
            "icmp 192.168.1.1 > 203.0.113.10 port-unreachable [udp 203.0.113.10:5353 > 192.168.1.1:53 len 40]",
            "icmp 192.168.1.1 > 203.0.113.10 destination-unreachable [tcp 203.0.113.10:40000 > 192.168.1.1:80 flags S]",
            "icmp 192.168.1.1 > 203.0.113.10 3/8 rest 0x1 [icmp 203.0.113.10 > 192.168.1.1 echo-request id 9]",
            "icmp 192.168.1.1 > 203.0.113.10 fragmentation-needed mtu 1400 tos 0xc0"
                    + " [tcp 203.0.113.10:40000 > 192.168.1.1:80 flags PA df len 1400]",
            "icmp 192.168.1.1 > 203.0.113.10 host-redirect gateway 192.168.1.254"
                    + " [udp 203.0.113.10:1 > 192.168.1.1:2 ttl 1]",
            "icmp 192.168.1.1 > 203.0.113.10 parameter-problem pointer 20 [gre 203.0.113.10 > 192.168.1.1 len 4]",
            "icmp 192.168.1.1 > 203.0.113.10 time-exceeded [proto tcp 203.0.113.10 > 192.168.1.1 ttl 1 totlen 1040"
                    + " data \"\\x9c@\\x00P\\x00\\x00\\x00\\x01\"]",
            "icmp 192.168.1.1 > 203.0.113.10 ttl-zero-during-reassembly"
                    + " [proto udp 203.0.113.10 > 192.168.1.1 mf totlen 100 len 8]",
            "icmp 10.0.0.1 > 10.0.0.2 router-advertisement rest 0x1001234 len 8",
            "icmp 10.0.0.1 > 10.0.0.2 42/1",
            "gre 1.2.3.4 > 5.6.7.8 ipopts 94040000 data \"\\x00\\x00\\x08\\x00\"",
            "esp 1.2.3.4 > 5.6.7.8 len 100",
            "proto 253 1.2.3.4 > 5.6.7.8",
            "proto tcp 10.0.0.1 > 10.0.0.2 ipid 99 mf len 24",
            "proto icmp 10.0.0.1 > 10.0.0.2 ipid 99 frag 8191 len 1");

    /** Well-formed IP options: router alert, NOPs, a timestamp option with two empty slots. */
    private static final List<String> IP_OPTIONS = List.of("94040000", "01010100", "9404000001010100",
            "440c0500" + "00".repeat(8));

    private PacketSamples() {
    }

    static List<Ipv4Packet> packets() {
        return TEXTS.stream().map(PacketText::parse).toList();
    }

    static List<EthernetFrame> frames() {
        MacAddress a = MacAddress.parse("02:00:00:00:00:0a");
        MacAddress b = MacAddress.parse("02:00:00:00:00:0b");
        List<EthernetFrame> frames = new ArrayList<>();
        frames.add(new EthernetFrame(MacAddress.BROADCAST, a,
                ArpPacket.request(a, Ipv4Address.parse("192.168.1.2"), Ipv4Address.parse("192.168.1.1"))));
        frames.add(new EthernetFrame(a, b, ArpPacket.replyTo((ArpPacket) frames.get(0).payload(), b)));
        for (Ipv4Packet packet : packets()) {
            frames.add(new EthernetFrame(b, a, packet));
        }
        return frames;
    }

    /** A random packet of any kind; every field varies over its whole range now and then. */
    static Ipv4Packet random(Random random) {
        return random(random, true);
    }

    private static Ipv4Packet random(Random random, boolean errorsAllowed) {
        Ipv4Packet.Builder builder = Ipv4Packet.builder()
                .source(Ipv4Address.of(random.nextInt()))
                .destination(Ipv4Address.of(random.nextInt()))
                .ttl(random.nextBoolean() ? 64 : random.nextInt(256))
                .tos(random.nextBoolean() ? 0 : random.nextInt(256))
                .identification(random.nextBoolean() ? 0 : random.nextInt(65536))
                .dontFragment(random.nextBoolean());
        if (random.nextInt(8) == 0) {
            builder.options(Bytes.fromHex(IP_OPTIONS.get(random.nextInt(IP_OPTIONS.size()))));
        }
        int kind = random.nextInt(errorsAllowed ? 7 : 6);
        Transport transport = switch (kind) {
            case 0, 1 -> randomTcp(random);
            case 2 -> UdpDatagram.of(random.nextInt(65536), random.nextInt(65536), payload(random));
            case 3 -> new IcmpQuery(IcmpType.of(random.nextBoolean() ? 8 : 13 + random.nextInt(6)), random.nextInt(4),
                    random.nextInt(65536), random.nextInt(65536), payload(random));
            case 4 -> new IcmpOther(IcmpType.of(random.nextBoolean() ? 9 : 19 + random.nextInt(237)),
                    random.nextInt(256), random.nextBoolean() ? 0 : random.nextInt() & 0xffff_ffffL, payload(random));
            case 5 -> randomRaw(random, builder);
            default -> new IcmpError(IcmpType.of(new int[] {3, 4, 5, 11, 12}[random.nextInt(5)]), random.nextInt(16),
                    random.nextBoolean() ? 0 : random.nextInt() & 0xffff_ffffL,
                    QuotedDatagram.of(random(random, false), 20 + random.nextInt(600)));
        };
        return builder.transport(transport).build();
    }

    private static TcpSegment randomTcp(Random random) {
        List<TcpOption> options = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            options.add(switch (random.nextInt(7)) {
                case 0 -> new TcpOption.Mss(random.nextInt(65536));
                case 1 -> new TcpOption.WindowScale(random.nextInt(15));
                case 2 -> new TcpOption.SackPermitted();
                case 3 -> new TcpOption.Timestamps(random.nextInt() & 0xffff_ffffL, random.nextInt() & 0xffff_ffffL);
                case 4 -> new TcpOption.Nop();
                case 5 -> new TcpOption.Sack(List.of(new TcpOption.SackBlock(random.nextInt() & 0xffff_ffffL,
                        random.nextInt() & 0xffff_ffffL)));
                default -> new TcpOption.Unknown(30 + random.nextInt(200), Bytes.of(bytes(random, random.nextInt(4))));
            });
        }
        return TcpSegment.builder()
                .sourcePort(random.nextInt(65536))
                .destinationPort(random.nextInt(65536))
                .sequence(random.nextInt() & 0xffff_ffffL)
                .acknowledgment(random.nextBoolean() ? 0 : random.nextInt() & 0xffff_ffffL)
                .flags(TcpFlags.of(random.nextInt(256)))
                .window(random.nextBoolean() ? TcpSegment.DEFAULT_WINDOW : random.nextInt(65536))
                .urgentPointer(random.nextInt(4) == 0 ? random.nextInt(65536) : 0)
                .options(TcpOptions.of(options))
                .payload(payload(random))
                .build();
    }

    private static RawTransport randomRaw(Random random, Ipv4Packet.Builder builder) {
        if (random.nextBoolean()) {
            boolean more = random.nextBoolean();
            builder.moreFragments(more).fragmentOffset(more && random.nextBoolean() ? 0 : 1 + random.nextInt(8191));
            return RawTransport.of(IpProtocol.of(new int[] {1, 6, 17, 47}[random.nextInt(4)]), payload(random));
        }
        int protocol;
        do {
            protocol = random.nextInt(256);
        } while (protocol == 1 || protocol == 6 || protocol == 17);
        return RawTransport.of(IpProtocol.of(protocol), payload(random));
    }

    private static Payload payload(Random random) {
        int length = random.nextInt(3) == 0 ? 0 : random.nextInt(120);
        return random.nextBoolean() ? Payload.ofLength(length) : Payload.of(bytes(random, length));
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
