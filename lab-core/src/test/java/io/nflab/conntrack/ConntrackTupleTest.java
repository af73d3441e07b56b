package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConntrackTupleTest {
    private static final Ipv4Address A = Ipv4Address.parse("192.168.1.10");
    private static final Ipv4Address B = Ipv4Address.parse("203.0.113.5");

    @Test
    void portsTupleKeepsEveryField() {
        ConntrackTuple tuple = ConntrackTuple.tcp(A, B, 40000, 443);
        assertEquals(6, tuple.protocol());
        assertEquals(A, tuple.src());
        assertEquals(B, tuple.dst());
        assertEquals(40000, tuple.sourcePort());
        assertEquals(443, tuple.destinationPort());
        assertEquals("tcp src=192.168.1.10 dst=203.0.113.5 sport=40000 dport=443", tuple.toString());
    }

    @Test
    void invertingSwapsAddressesAndPorts() {
        ConntrackTuple reply = ConntrackTuple.udp(A, B, 5353, 53).invert().orElseThrow();
        assertEquals(ConntrackTuple.udp(B, A, 53, 5353), reply);
        assertEquals(ConntrackTuple.udp(A, B, 5353, 53), reply.invert().orElseThrow());
    }

    @ParameterizedTest(name = "ICMP type {0} inverts to {1}")
    @CsvSource({"8,0", "0,8", "13,14", "14,13", "15,16", "16,15", "17,18", "18,17"})
    void icmpRequestsAndRepliesInvertIntoEachOther(int type, int inverse) {
        ConntrackTuple inverted = ConntrackTuple.icmp(A, B, type, 0, 77).invert().orElseThrow();
        assertEquals(ConntrackTuple.icmp(B, A, inverse, 0, 77), inverted);
    }

    @ParameterizedTest(name = "ICMP type {0} has no reply tuple")
    @CsvSource({"3", "5", "11", "9", "19", "255"})
    void otherIcmpTypesCannotBeInverted(int type) {
        assertTrue(ConntrackTuple.icmp(A, B, type, 0, 1).invert().isEmpty());
    }

    @Test
    void icmpFieldsSitWhereTheKernelKeepsThem() {
        ConntrackTuple echo = ConntrackTuple.icmp(A, B, 8, 0, 4242);
        assertEquals(8, echo.icmpType());
        assertEquals(0, echo.icmpCode());
        assertEquals(4242, echo.icmpId());
        assertEquals(0, echo.sourcePort());
        assertEquals("icmp src=192.168.1.10 dst=203.0.113.5 type=8 code=0 id=4242", echo.toString());
    }

    @Test
    void protocolsWithoutTrackerKeepOnlyAddresses() {
        ConntrackTuple esp = ConntrackTuple.of(50, A.bits(), B.bits(), 1234, 5678);
        assertEquals(ConntrackTuple.addressesOnly(50, A, B), esp);
        assertEquals("unknown src=192.168.1.10 dst=203.0.113.5", esp.toString());
        assertEquals(ConntrackTuple.addressesOnly(50, B, A), esp.invert().orElseThrow());
    }

    @Test
    void natRewritesOneEnd() {
        ConntrackTuple reply = ConntrackTuple.tcp(B, A, 443, 40000);
        ConntrackTuple masqueraded = reply.withDestination(Ipv4Address.parse("198.51.100.1"), 61000);
        assertEquals(ConntrackTuple.tcp(B, Ipv4Address.parse("198.51.100.1"), 443, 61000), masqueraded);
        assertEquals(ConntrackTuple.tcp(A, A, 80, 40000), reply.withSource(A, 80));
    }

    @Test
    void equalityIsByValue() {
        assertEquals(ConntrackTuple.tcp(A, B, 1, 2), ConntrackTuple.tcp(A, B, 1, 2));
        assertEquals(ConntrackTuple.tcp(A, B, 1, 2).hashCode(), ConntrackTuple.tcp(A, B, 1, 2).hashCode());
        assertNotEquals(ConntrackTuple.tcp(A, B, 1, 2), ConntrackTuple.udp(A, B, 1, 2));
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConntrackTuple.tcp(A, B, 70000, 1));
        assertThrows(IllegalArgumentException.class, () -> ConntrackTuple.icmp(A, B, 256, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ConntrackTuple.ports(50, A, B, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> ConntrackTuple.addressesOnly(6, A, B));
    }
}
