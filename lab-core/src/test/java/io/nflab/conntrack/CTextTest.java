package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The C library's lenient parsing, which conntrack's command line inherits. */
class CTextTest {
    @ParameterizedTest(name = "inet_aton({0}) = {1}")
    @CsvSource({"10.0.0.1,10.0.0.1", "10.1,10.0.0.1", "10.1.2,10.1.0.2", "012.0.0.1,10.0.0.1",
        "0x0a000001,10.0.0.1", "167772161,10.0.0.1", "0xa.0.0.1,10.0.0.1"})
    void inetAtonAcceptsWhatGlibcAccepts(String text, String expected) {
        assertEquals(io.nflab.address.Ipv4Address.parse(expected).bits(), CText.inetAton(text).getAsInt());
    }

    @ParameterizedTest(name = "inet_aton refuses {0}")
    @ValueSource(strings = {"1.2.3.x", "256.0.0.1", "1.2.3.4.5", "08.0.0.1", "", ".1.2.3", "1.2.3.256", "a.b.c.d"})
    void inetAtonRefuses(String text) {
        assertEquals(OptionalInt.empty(), CText.inetAton(text));
    }

    @Test
    void ipv6Literals() {
        assertTrue(CText.isIpv6Literal("::1"));
        assertTrue(CText.isIpv6Literal("2001:db8::8:800:200c:417a"));
        assertTrue(CText.isIpv6Literal("::ffff:192.0.2.1"));
        assertTrue(CText.isIpv6Literal("1:2:3:4:5:6:7:8"));
        assertFalse(CText.isIpv6Literal("1:2:3:4:5:6:7:8:9"));
        assertFalse(CText.isIpv6Literal("1::2::3"));
        assertFalse(CText.isIpv6Literal("12345::1"));
        assertFalse(CText.isIpv6Literal("foo"));
    }

    @Test
    void strtoulAndAtoi() {
        assertEquals(16, CText.strtoul("0x10"));
        assertEquals(8, CText.strtoul("010"));
        assertEquals(7, CText.strtoul("7/0xff"));
        assertEquals(0, CText.strtoul("abc"));
        assertEquals(-1L, CText.strtoul("-1"), "ULONG_MAX");
        assertEquals(4464, CText.atoi("70000") & 0xffff);
        assertEquals(12, CText.atoi(" 12abc"));
        assertEquals(-5, CText.atol("-5"));
    }
}
