package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamedNumbersTest {

    /** The names `iptables -S` prints for `-p NUMBER` (iptables 1.8.9 on Debian 12). */
    @ParameterizedTest
    @CsvSource({"1,icmp", "4,ipencap", "6,tcp", "17,udp", "41,ipv6", "47,gre", "50,esp", "51,ah", "58,ipv6-icmp",
        "132,sctp", "135,mobility-header", "136,udplite", "143,ethernet", "200,200", "255,255", "0,ip"})
    void protocolsPrintAsIptablesPrintsThem(int number, String name) {
        assertEquals(name, IpProtocol.of(number).toString());
        assertEquals(IpProtocol.of(number), IpProtocol.parse(name));
        assertEquals(!name.equals(String.valueOf(number)), IpProtocol.of(number).hasName());
    }

    @Test
    void protocolsParseNamesAndNumbers() {
        assertSame(IpProtocol.TCP, IpProtocol.parse("6"));
        assertEquals(IpProtocol.of(58), IpProtocol.parse("icmpv6"));
        assertEquals(IpProtocol.of(135), IpProtocol.parse("mh"));
        assertEquals(IpProtocol.of(0), IpProtocol.parse("hopopt"));
        assertEquals(Optional.empty(), IpProtocol.tryParse("TCP"));
        assertEquals(Optional.empty(), IpProtocol.tryParse("256"));
        assertEquals(Optional.empty(), IpProtocol.tryParse("all"));
        assertEquals("unknown IP protocol \"tcpp\"",
                assertThrows(IllegalArgumentException.class, () -> IpProtocol.parse("tcpp")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> IpProtocol.of(-1));
    }

    @Test
    void icmpNamesAreIptablesTable() {
        List<IcmpName> all = IcmpNames.all();
        assertEquals(40, all.size());
        assertEquals(new IcmpName("any", 0xff, 0, 0xff, false), all.get(0));
        assertEquals(new IcmpName("port-unreachable", 3, 3, 3, false), IcmpNames.lookup("PORT-UNREACHABLE").get());
        assertEquals(new IcmpName("ping", 8, 0, 0xff, true), IcmpNames.lookup("ping").get());
        assertEquals(Optional.of("echo-request"), IcmpNames.typeName(8));
        assertEquals(Optional.of("TOS-host-unreachable"), IcmpNames.codeName(3, 12));
        assertEquals(Optional.empty(), IcmpNames.codeName(3, 8));
        assertEquals(Optional.empty(), IcmpNames.typeName(15));
        assertTrue(IcmpNames.lookup("host-prohibited").get().matches(3, 10));
        assertFalse(IcmpNames.lookup("host-prohibited").get().matches(3, 9));
        assertTrue(IcmpNames.lookup("any").get().matches(42, 7));
        assertTrue(IcmpNames.lookup("echo-request").get().isTypeName());
    }

    @Test
    void icmpTypesKnowTheirKind() {
        assertEquals("destination-unreachable", IcmpType.of(3).toString());
        assertEquals("15", IcmpType.INFO_REQUEST.toString());
        assertEquals(IcmpType.ECHO_REQUEST, IcmpType.parse("ping"));
        assertEquals(IcmpType.TIME_EXCEEDED, IcmpType.parse("ttl-exceeded"));
        assertEquals(Optional.empty(), IcmpType.tryParse("port-unreachable"));
        assertEquals(List.of(3, 4, 5, 11, 12),
                IntStream.range(0, 256).filter(t -> IcmpType.of(t).isError()).boxed().toList());
        assertEquals(List.of(0, 8, 13, 14, 15, 16, 17, 18),
                IntStream.range(0, 256).filter(t -> IcmpType.of(t).isQuery()).boxed().toList());
        assertSame(IcmpType.of(200), IcmpType.of(200));
    }
}
