package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpFlagsTest {

    @ParameterizedTest
    @CsvSource({"S,2,S", "SA,18,SA", "AS,18,SA", "FA,17,FA", "PA,24,PA", "R,4,R", "CEUAPRSF,255,FSRPAUEC", "none,0,none",
        "EC,192,EC"})
    void parsesLettersInAnyOrderAndPrintsThemInBitOrder(String letters, int bits, String printed) {
        TcpFlags flags = TcpFlags.parse(letters);
        assertEquals(bits, flags.bits());
        assertEquals(printed, flags.toString());
        assertSame(TcpFlags.of(bits), flags);
    }

    @Test
    void answersQuestionsAboutSingleFlags() {
        TcpFlags synAck = TcpFlags.SYN_ACK;
        assertTrue(synAck.has(TcpFlag.SYN));
        assertTrue(synAck.has(TcpFlag.ACK));
        assertFalse(synAck.has(TcpFlag.FIN));
        assertEquals(TcpFlags.SYN, synAck.without(TcpFlag.ACK));
        assertEquals(TcpFlags.of(TcpFlag.SYN, TcpFlag.ACK, TcpFlag.ECE), synAck.with(TcpFlag.ECE));
        assertTrue(TcpFlags.NONE.isEmpty());
    }

    @Test
    void matchesLikeIptablesTcpFlags() {
        int synAckFinRst = TcpFlags.of(TcpFlag.SYN, TcpFlag.ACK, TcpFlag.FIN, TcpFlag.RST).bits();
        assertTrue(TcpFlags.SYN.matches(synAckFinRst, TcpFlags.SYN.bits()));
        assertFalse(TcpFlags.SYN_ACK.matches(synAckFinRst, TcpFlags.SYN.bits()));
        assertTrue(TcpFlags.of(TcpFlag.SYN, TcpFlag.PSH).matches(synAckFinRst, TcpFlags.SYN.bits()));
    }

    @Test
    void refusesBadLetters() {
        assertEquals("'X' is not a TCP flag letter (FSRPAUEC)",
                assertThrows(IllegalArgumentException.class, () -> TcpFlags.parse("SX")).getMessage());
        assertEquals("TCP flag letter 'S' given twice",
                assertThrows(IllegalArgumentException.class, () -> TcpFlags.parse("SAS")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TcpFlags.parse(""));
        assertThrows(IllegalArgumentException.class, () -> TcpFlags.parse("s"));
        assertThrows(IllegalArgumentException.class, () -> TcpFlags.of(256));
    }
}
