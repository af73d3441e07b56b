package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PacketTextTest {

    @Test
    void readsTheTcpExample() {
        Ipv4Packet packet = PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S ttl 64");
        assertEquals(Ipv4Address.parse("203.0.113.10"), packet.source());
        assertEquals(Ipv4Address.parse("203.0.113.1"), packet.destination());
        assertEquals(IpProtocol.TCP, packet.protocol());
        assertEquals(64, packet.ttl());
        assertEquals(40, packet.totalLength());
        TcpSegment tcp = (TcpSegment) packet.transport();
        assertEquals(40000, tcp.sourcePort());
        assertEquals(80, tcp.destinationPort());
        assertEquals(TcpFlags.SYN, tcp.flags());
        assertEquals(TcpSegment.DEFAULT_WINDOW, tcp.window());
        assertEquals(Payload.EMPTY, tcp.payload());
    }

    @Test
    void readsTheUdpExampleWithPayloadLength() {
        Ipv4Packet packet = PacketText.parse("udp 192.168.1.2:5353 > 10.0.0.2:53 len 40");
        UdpDatagram udp = (UdpDatagram) packet.transport();
        assertEquals(5353, udp.sourcePort());
        assertEquals(53, udp.destinationPort());
        assertEquals(40, udp.payload().length());
        assertFalse(udp.payload().hasBytes());
        assertEquals(48, udp.length());
        assertEquals(68, packet.totalLength());
    }

    @Test
    void readsTheIcmpEchoExample() {
        Ipv4Packet packet = PacketText.parse("icmp 10.0.0.2 > 192.168.1.2 echo-request id 7 seq 1");
        assertEquals(IcmpQuery.echoRequest(7, 1, Payload.EMPTY), packet.transport());
    }

    @Test
    void readsEveryIpField() {
        Ipv4Header ip = PacketText.parse("gre 1.2.3.4 > 5.6.7.8 ttl 3 tos 0xb9 ipid 513 df mf frag 9 ipopts 94040000"
                + " len 4").header();
        assertEquals(IpProtocol.GRE, ip.protocol());
        assertEquals(3, ip.ttl());
        assertEquals(0xb9, ip.tos());
        assertEquals(0x2e, ip.dscp());
        assertEquals(1, ip.ecn());
        assertEquals(513, ip.identification());
        assertTrue(ip.dontFragment());
        assertTrue(ip.moreFragments());
        assertEquals(9, ip.fragmentOffset());
        assertEquals(Bytes.fromHex("94040000"), ip.options());
        assertEquals(24, ip.headerLength());
        assertEquals(28, ip.totalLength());
    }

    @Test
    void readsEveryTcpField() {
        TcpSegment tcp = (TcpSegment) PacketText.parse("tcp 1.1.1.1:1 > 2.2.2.2:2 flags UA seq 7 ack 9 win 100 urg 5"
                + " opts mss=1460,nop,nop,sackok data \"x\"").transport();
        assertEquals(TcpFlags.of(TcpFlag.URG, TcpFlag.ACK), tcp.flags());
        assertEquals(7, tcp.sequence());
        assertEquals(9, tcp.acknowledgment());
        assertEquals(100, tcp.window());
        assertEquals(5, tcp.urgentPointer());
        assertEquals(List.of(new TcpOption.Mss(1460), new TcpOption.Nop(), new TcpOption.Nop(),
                new TcpOption.SackPermitted()), tcp.options().list());
        assertEquals(Payload.ofLatin1("x"), tcp.payload());
    }

    @Test
    void readsIcmpErrorsWithTheirQuote() {
        IcmpError error = (IcmpError) PacketText.parse("icmp 192.168.1.1 > 203.0.113.10 port-unreachable"
                + " [udp 203.0.113.10:5353 > 192.168.1.1:53 len 40]").transport();
        assertEquals(IcmpType.DESTINATION_UNREACHABLE, error.type());
        assertEquals(IcmpCode.PORT_UNREACHABLE, error.code());
        QuotedDatagram quote = error.quote();
        assertTrue(quote.isComplete());
        assertEquals(68, quote.header().totalLength());
        assertEquals(IpProtocol.UDP, quote.header().protocol());
        assertEquals(5353, quote.sourcePort());
        assertEquals(53, quote.destinationPort());
        assertEquals(48, quote.data().length());
    }

    @Test
    void readsIcmpKindsByNameAliasAndNumber() {
        assertKind("ping", 8, 0);
        assertKind("pong", 0, 0);
        assertKind("ttl-exceeded [udp 1.1.1.1:1 > 2.2.2.2:2]", 11, 0);
        assertKind("tos-host-unreachable [udp 1.1.1.1:1 > 2.2.2.2:2]", 3, 12);
        assertKind("network-unreachable [udp 1.1.1.1:1 > 2.2.2.2:2]", 3, 0);
        assertKind("13", 13, 0);
        assertKind("3/13 [udp 1.1.1.1:1 > 2.2.2.2:2]", 3, 13);
        assertKind("0x2a/0x1", 42, 1);
    }

    private static void assertKind(String kind, int type, int code) {
        IcmpMessage icmp = (IcmpMessage) PacketText.parse("icmp 10.0.0.1 > 10.0.0.2 " + kind).transport();
        assertEquals(type, icmp.type().number());
        assertEquals(code, icmp.code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S ttl 64 | tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S",
        "tcp  1.1.1.1:1   >  2.2.2.2:2\tdf ttl 9 flags AS win 64240 | tcp 1.1.1.1:1 > 2.2.2.2:2 flags SA ttl 9 df",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 flags none seq 0 tos 0 len 0 | tcp 1.1.1.1:1 > 2.2.2.2:2",
        "tcp 1.1.1.1:01 > 2.2.2.2:0x50 | tcp 1.1.1.1:1 > 2.2.2.2:80",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 opts wscale=7,eol | tcp 1.1.1.1:1 > 2.2.2.2:2 opts wscale=7",
        "udp 1.1.1.1:1 > 2.2.2.2:2 data \"\\x00\\x00\" | udp 1.1.1.1:1 > 2.2.2.2:2 len 2",
        "udp 1.1.1.1:1 > 2.2.2.2:2 data \"\\x41\\x0a\\x7f\" | udp 1.1.1.1:1 > 2.2.2.2:2 data \"A\\n\\x7f\"",
        "udp 1.1.1.1:1 > 2.2.2.2:2 tos 16 | udp 1.1.1.1:1 > 2.2.2.2:2 tos 0x10",
        "icmp 1.1.1.1 > 2.2.2.2 ping id 0 seq 0 | icmp 1.1.1.1 > 2.2.2.2 echo-request",
        "icmp 1.1.1.1 > 2.2.2.2 8 | icmp 1.1.1.1 > 2.2.2.2 echo-request",
        "icmp 1.1.1.1 > 2.2.2.2 3/3 [udp 3.3.3.3:1 > 1.1.1.1:2] | icmp 1.1.1.1 > 2.2.2.2 port-unreachable [udp 3.3.3.3:1 > 1.1.1.1:2]",
        "icmp 1.1.1.1 > 2.2.2.2 network-unreachable [udp 3.3.3.3:1 > 1.1.1.1:2] | icmp 1.1.1.1 > 2.2.2.2 destination-unreachable [udp 3.3.3.3:1 > 1.1.1.1:2]",
        "icmp 1.1.1.1 > 2.2.2.2 fragmentation-needed rest 1400 [udp 3.3.3.3:1 > 1.1.1.1:2] | icmp 1.1.1.1 > 2.2.2.2 fragmentation-needed mtu 1400 [udp 3.3.3.3:1 > 1.1.1.1:2]",
        "icmp 1.1.1.1 > 2.2.2.2 port-unreachable [proto udp 3.3.3.3 > 1.1.1.1 data \"\\x00\\x01\\x00\\x02\\x00\\x08\\xf7\\xd3\"] | icmp 1.1.1.1 > 2.2.2.2 port-unreachable [udp 3.3.3.3:1 > 1.1.1.1:2]",
        "proto 47 1.2.3.4 > 5.6.7.8 | gre 1.2.3.4 > 5.6.7.8",
        "proto 6 1.2.3.4 > 5.6.7.8 mf | proto tcp 1.2.3.4 > 5.6.7.8 mf",
        "hopopt 1.2.3.4 > 5.6.7.8 | ip 1.2.3.4 > 5.6.7.8",
    })
    void printsCanonically(String text, String canonical) {
        assertEquals(canonical, PacketText.format(PacketText.parse(text)));
        assertEquals(PacketText.parse(text), PacketText.parse(canonical));
    }

    static List<String> samples() {
        return PacketSamples.TEXTS;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void canonicalSamplesPrintAsTheyAreWritten(String text) {
        assertEquals(text, PacketText.format(PacketText.parse(text)));
    }

    @Test
    void randomPacketsSurviveTheRoundTrip() {
        Random random = new Random(20240501);
        for (int i = 0; i < 3000; i++) {
            Ipv4Packet packet = PacketSamples.random(random);
            String text = PacketText.format(packet);
            assertEquals(packet, PacketText.parse(text), text);
            assertEquals(text, packet.toString());
        }
    }

    @Test
    void truncatedQuotesPrintAsRawBytesThatReadBack() {
        Ipv4Packet original = PacketText.parse("tcp 10.0.0.2:40000 > 10.0.0.1:80 flags S len 100");
        Ipv4Packet error = Ipv4Packet.builder().source(Ipv4Address.parse("10.0.0.1"))
                .destination(Ipv4Address.parse("10.0.0.2"))
                .transport(new IcmpError(IcmpType.DESTINATION_UNREACHABLE, 3, 0, QuotedDatagram.of(original, 28)))
                .build();
        String text = PacketText.format(error);
        assertEquals("icmp 10.0.0.1 > 10.0.0.2 port-unreachable [proto tcp 10.0.0.2 > 10.0.0.1 totlen 140"
                + " data \"\\x9c@\\x00P\\x00\\x00\\x00\\x00\"]", text);
        assertEquals(error, PacketText.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp 203.0.113.10:40000 > 203.0.113.1:80 flgs S | flgs | 40 | unexpected \"flgs\" at column 40, expected one of:"
                + " flags, seq, ack, win, urg, opts, ttl, tos, ipid, df, mf, frag, ipopts, len, data",
        "'' | '' | 0 | unexpected end of text at column 0, expected a protocol: tcp, udp, icmp, proto N, or a protocol name such as gre",
        "tpc 1.1.1.1:1 > 2.2.2.2:2 | tpc | 0 | unexpected \"tpc\" at column 0, expected a protocol: tcp, udp, icmp, proto N, or a protocol name such as gre",
        "proto 300 1.1.1.1 > 2.2.2.2 | 300 | 6 | unexpected \"300\" at column 6, expected a protocol number 0-255 or name",
        "tcp 1.1.1.1 > 2.2.2.2:2 | 1.1.1.1 | 4 | unexpected \"1.1.1.1\" at column 4, expected the source ADDRESS:PORT",
        "tcp 1.1.1.1:1 2.2.2.2:2 | 2.2.2.2:2 | 14 | unexpected \"2.2.2.2:2\" at column 14, expected \">\"",
        "tcp 1.1.1.1:1 > | '' | 15 | unexpected end of text at column 15, expected the destination ADDRESS:PORT",
        "tcp 1.1.1.300:1 > 2.2.2.2:2 | 1.1.1.300 | 4 | unexpected \"1.1.1.300\" at column 4, expected an IPv4 address a.b.c.d",
        "udp 1.1.1.1:1 > 2.2.2.2:65536 | 65536 | 24 | unexpected \"65536\" at column 24, expected a destination port (a number 0-65535)",
        "icmp 1.1.1.1:7 > 2.2.2.2 ping | 1.1.1.1:7 | 5 | unexpected \"1.1.1.1:7\" at column 5, expected the source address (only tcp and udp have ports)",
        "icmp 1.1.1.1 > 2.2.2.2 pingg | pingg | 23 | unexpected \"pingg\" at column 23, expected an ICMP type: a name such as echo-request or port-unreachable, or TYPE[/CODE]",
        "icmp 1.1.1.1 > 2.2.2.2 any | any | 23 | unexpected \"any\" at column 23, expected an ICMP type: a name such as echo-request or port-unreachable, or TYPE[/CODE]",
        "tcp 1.1.1.1: > 2.2.2.2:2 | 1.1.1.1: | 4 | unexpected \"1.1.1.1:\" at column 4, expected the source ADDRESS:PORT",
        "icmp 1.1.1.1 > 2.2.2.2 3/ | 3/ | 23 | unexpected \"3/\" at column 23, expected an ICMP type: a name such as echo-request or port-unreachable, or TYPE[/CODE]",
        "icmp 1.1.1.1 > 2.2.2.2 3/256 | 256 | 25 | unexpected \"256\" at column 25, expected an ICMP code (a number 0-255)",
        "icmp 1.1.1.1 > 2.2.2.2 port-unreachable | '' | 39 | unexpected end of text at column 39, expected the quoted datagram of the ICMP error: [ … ]",
        "icmp 1.1.1.1 > 2.2.2.2 ping mtu 5 | mtu | 28 | unexpected \"mtu\" at column 28, expected one of: id, seq, ttl, tos, ipid, df, mf, frag, ipopts, len, data",
        "icmp 1.1.1.1 > 2.2.2.2 port-unreachable len 5 | len | 40 | unexpected \"len\" at column 40, expected one of: rest, ttl, tos, ipid, df, mf, frag, ipopts, [",
        "icmp 1.1.1.1 > 2.2.2.2 port-unreachable [udp 2.2.2.2:1 > 1.1.1.1:2 | '' | 66 | unexpected end of text at column 66, expected \"]\"",
        "udp 1.1.1.1:1 > 2.2.2.2:2 totlen 100 | totlen | 26 | unexpected \"totlen\" at column 26, expected one of: ttl, tos, ipid, df, mf, frag, ipopts, len, data",
        "udp 1.1.1.1:1 > 2.2.2.2:2 ] | ] | 26 | unexpected \"]\" at column 26, expected one of: ttl, tos, ipid, df, mf, frag, ipopts, len, data",
        "udp 1.1.1.1:1 > 2.2.2.2:2 ttl | '' | 29 | unexpected end of text at column 29, expected a number after ttl",
        "udp 1.1.1.1:1 > 2.2.2.2:2 ttl 256 | 256 | 30 | unexpected \"256\" at column 30, expected a TTL (a number 0-255)",
        "udp 1.1.1.1:1 > 2.2.2.2:2 ttl -1 | -1 | 30 | unexpected \"-1\" at column 30, expected a TTL (a number 0-255)",
        "udp 1.1.1.1:1 > 2.2.2.2:2 tos 0x | 0x | 30 | unexpected \"0x\" at column 30, expected a TOS byte (a number 0-255)",
        "udp 1.1.1.1:1 > 2.2.2.2:2 len 65516 | 65516 | 30 | unexpected \"65516\" at column 30, expected a payload length (a number 0-65515)",
        "udp 1.1.1.1:1 > 2.2.2.2:2 len 65510 | 65510 | 30 | the packet would be 65538 bytes, more than 65535: \"65510\" at column 30",
        "udp 1.1.1.1:1 > 2.2.2.2:2 ttl 1 ttl 2 | ttl | 32 | field given twice: \"ttl\" at column 32",
        "udp 1.1.1.1:1 > 2.2.2.2:2 len 1 data \"a\" | data | 32 | \"len\" and \"data\" exclude each other: \"data\" at column 32",
        "udp 1.1.1.1:1 > 2.2.2.2:2 data abc | abc | 31 | unexpected \"abc\" at column 31, expected a double-quoted string",
        "udp 1.1.1.1:1 > 2.2.2.2:2 data \"ab | \"ab | 31 | unexpected \"\"ab\" at column 31, expected a string closed by \"",
        "udp 1.1.1.1:1 > 2.2.2.2:2 data \"a\\qb\" | \\q | 33 | unexpected \"\\q\" at column 33, expected one of the escapes \\\\ \\\" \\r \\n \\t \\xHH",
        "udp 1.1.1.1:1 > 2.2.2.2:2 data \"a\\x4\" | \\x4 | 33 | unexpected \"\\x4\" at column 33, expected an escape \\xHH with two hex digits",
        "udp 1.1.1.1:1 > 2.2.2.2:2 data \"\u20ac\" | \u20ac | 32 | unexpected \"\u20ac\" at column 32, expected a character of one byte (ISO-8859-1), or an escape \\xHH",
        "udp 1.1.1.1:1 > 2.2.2.2:2 ipopts 9404 | 9404 | 33 | IP options must be a multiple of 4 bytes, at most 40: \"9404\" at column 33",
        "udp 1.1.1.1:1 > 2.2.2.2:2 ipopts 9g | 9g | 33 | unexpected \"9g\" at column 33, expected IP option bytes (pairs of hex digits)",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 flags SX | SX | 32 | unexpected \"SX\" at column 32, expected TCP flags: letters from FSRPAUEC (FIN SYN RST PSH ACK URG ECE CWR), or none",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 seq 4294967296 | 4294967296 | 30 | unexpected \"4294967296\" at column 30, expected a sequence number (a number 0-4294967295)",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 opts mss=1460,wscal=7 | wscal=7 | 40 | unknown TCP option \"wscal=7\", expected one of: mss=N, wscale=N, sackok, sack=L-R, ts=V:E, nop, eol, kindN[=HEX]: \"wscal=7\" at column 40",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 opts mss=70000 | mss=70000 | 31 | mss 70000 out of range 0-65535: \"mss=70000\" at column 31",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 opts eol,mss=1 | eol,mss=1 | 31 | TCP options: byte 1 is not zero after the end of list: \"eol,mss=1\" at column 31",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 opts ts=1:2,ts=1:2,ts=1:2,ts=1:2,ts=1:2 | ts=1:2,ts=1:2,ts=1:2,ts=1:2,ts=1:2 | 31 | TCP options take 52 bytes, at most 40 fit: \"ts=1:2,ts=1:2,ts=1:2,ts=1:2,ts=1:2\" at column 31",
        "tcp 1.1.1.1:1 > 2.2.2.2:2 mf | mf | 26 | a fragment carries raw bytes, write \"proto tcp\" instead of \"tcp\": \"mf\" at column 26",
        "udp 1.1.1.1:1 > 2.2.2.2:2 frag 1 | frag | 26 | a fragment carries raw bytes, write \"proto udp\" instead of \"udp\": \"frag\" at column 26",
        "proto tcp 1.1.1.1 > 2.2.2.2 | tcp | 6 | raw tcp bytes are only for fragments (add mf or frag N); an unfragmented packet is written \"tcp …\": \"tcp\" at column 6",
        "icmp 1.1.1.1 > 2.2.2.2 port-unreachable [udp 2.2.2.2:1 > 1.1.1.1:2 totlen 20] | 20 | 74 | total length 20 is less than the 28 bytes quoted: \"20\" at column 74",
    })
    void badTextNamesTheOffendingWord(String text, String word, int column, String message) {
        PacketSyntaxException error = assertThrows(PacketSyntaxException.class, () -> PacketText.parse(text));
        assertEquals("packet text: " + message, error.getMessage());
        assertEquals(word, error.offendingWord());
        assertEquals(column, error.column());
    }

    /** The examples of docs/packet-text.md read, and its error examples fail with the messages shown. */
    @Test
    void documentationExamplesHold() throws Exception {
        Path doc = Path.of("..", "docs", "packet-text.md");
        Assumptions.assumeTrue(Files.exists(doc), "skipped: " + doc + " is not beside lab-core");
        List<String> blocks = List.of(Files.readString(doc).split("```"));
        for (String line : blocks.get(1).strip().split("\n")) {
            Ipv4Packet packet = PacketText.parse(line);
            assertEquals(packet, PacketText.parse(PacketText.format(packet)), line);
        }
        String[] errors = blocks.get(blocks.size() - 2).strip().split("\n\n");
        assertTrue(errors.length >= 5);
        for (String example : errors) {
            String[] lines = example.split("\n");
            assertEquals(lines[1], assertThrows(PacketSyntaxException.class, () -> PacketText.parse(lines[0])).getMessage());
        }
    }

    @Test
    void syntaxErrorsAreUserInputErrors() {
        assertTrue(new PacketSyntaxException("m", "w", 1) instanceof io.nflab.diagnostics.UserInputException);
    }
}
