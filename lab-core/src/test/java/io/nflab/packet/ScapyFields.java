package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Compares the fields scapy decoded (scapy_check.py) with nflab's packet. */
final class ScapyFields {
    private ScapyFields() {
    }

    static void assertMatches(Object packet, JsonNode fields) {
        String where = packet.toString();
        if (packet instanceof EthernetFrame frame) {
            JsonNode ether = fields.get("ether");
            assertEquals(frame.source().toString(), ether.get("src").asText(), where);
            assertEquals(frame.destination().toString(), ether.get("dst").asText(), where);
            assertEquals(frame.etherType(), ether.get("type").asInt(), where);
            if (frame.payload() instanceof ArpPacket arp) {
                assertArp(arp, fields.get("arp"));
            } else {
                assertIpv4((Ipv4Packet) frame.payload(), fields);
            }
        } else {
            assertIpv4((Ipv4Packet) packet, fields);
        }
    }

    private static void assertArp(ArpPacket arp, JsonNode node) {
        assertEquals(arp.operation().code(), node.get("op").asInt());
        assertEquals(arp.senderMac().toString(), node.get("hwsrc").asText());
        assertEquals(arp.senderIp().toString(), node.get("psrc").asText());
        assertEquals(arp.targetMac().toString(), node.get("hwdst").asText());
        assertEquals(arp.targetIp().toString(), node.get("pdst").asText());
    }

    private static void assertIpv4(Ipv4Packet packet, JsonNode fields) {
        String where = packet.toString();
        JsonNode ip = fields.get("ip");
        Ipv4Header header = packet.header();
        assertEquals(header.source().toString(), ip.get("src").asText(), where);
        assertEquals(header.destination().toString(), ip.get("dst").asText(), where);
        assertEquals(header.protocol().number(), ip.get("proto").asInt(), where);
        assertEquals(header.ttl(), ip.get("ttl").asInt(), where);
        assertEquals(header.tos(), ip.get("tos").asInt(), where);
        assertEquals(header.identification(), ip.get("id").asInt(), where);
        assertEquals((header.dontFragment() ? 2 : 0) | (header.moreFragments() ? 1 : 0), ip.get("flags").asInt(), where);
        assertEquals(header.fragmentOffset(), ip.get("frag").asInt(), where);
        assertEquals(header.totalLength(), ip.get("len").asInt(), where);
        assertEquals(header.headerLength() / 4, ip.get("ihl").asInt(), where);
        assertEquals(packet.transport().length(), ip.get("payload").asInt(), where);
        Transport transport = packet.transport();
        if (transport instanceof TcpSegment tcp) {
            JsonNode node = fields.get("tcp");
            assertEquals(tcp.sourcePort(), node.get("sport").asInt(), where);
            assertEquals(tcp.destinationPort(), node.get("dport").asInt(), where);
            assertEquals(tcp.sequence(), node.get("seq").asLong(), where);
            assertEquals(tcp.acknowledgment(), node.get("ack").asLong(), where);
            assertEquals(tcp.flags().bits(), node.get("flags").asInt(), where);
            assertEquals(tcp.window(), node.get("window").asInt(), where);
            assertEquals(tcp.urgentPointer(), node.get("urgptr").asInt(), where);
            assertEquals(optionTexts(tcp.options()), texts(node.get("options")), where);
            assertEquals(tcp.payload().length(), node.get("payload").asInt(), where);
        } else if (transport instanceof UdpDatagram udp) {
            JsonNode node = fields.get("udp");
            assertEquals(udp.sourcePort(), node.get("sport").asInt(), where);
            assertEquals(udp.destinationPort(), node.get("dport").asInt(), where);
            assertEquals(udp.length(), node.get("len").asInt(), where);
            assertEquals(udp.payload().length(), node.get("payload").asInt(), where);
        } else if (transport instanceof IcmpMessage icmp) {
            assertIcmp(icmp, fields.get("icmp"), where);
        }
    }

    private static void assertIcmp(IcmpMessage icmp, JsonNode node, String where) {
        assertEquals(icmp.type().number(), node.get("type").asInt(), where);
        assertEquals(icmp.code(), node.get("code").asInt(), where);
        if (icmp instanceof IcmpQuery query && node.has("id")) {
            assertEquals(query.identifier(), node.get("id").asInt(), where);
            assertEquals(query.sequence(), node.get("seq").asInt(), where);
        }
        if (icmp instanceof IcmpError error) {
            JsonNode quote = node.get("quote");
            Ipv4Header inner = error.quote().header();
            assertEquals(inner.source().toString(), quote.get("src").asText(), where);
            assertEquals(inner.destination().toString(), quote.get("dst").asText(), where);
            assertEquals(inner.protocol().number(), quote.get("proto").asInt(), where);
            assertEquals(inner.totalLength(), quote.get("len").asInt(), where);
            if (error.quote().hasPorts() && quote.has("sport")) {
                assertEquals(error.quote().sourcePort(), quote.get("sport").asInt(), where);
                assertEquals(error.quote().destinationPort(), quote.get("dport").asInt(), where);
            }
        }
    }

    private static List<String> optionTexts(TcpOptions options) {
        List<String> texts = new ArrayList<>();
        for (TcpOption option : options.list()) {
            if (!(option instanceof TcpOption.End)) {
                texts.add(option.text());
            }
        }
        return texts;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
