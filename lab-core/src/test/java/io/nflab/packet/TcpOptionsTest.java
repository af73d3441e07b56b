package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpOptionsTest {

    @Test
    void encodesLinuxSynOptionsExactly() {
        TcpOptions options = TcpOptions.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(),
                new TcpOption.Timestamps(1000, 0), new TcpOption.Nop(), new TcpOption.WindowScale(7));
        assertEquals("020405b40402080a000003e80000000001030307", options.bytes().toHex());
        assertEquals("mss=1460,sackok,ts=1000:0,nop,wscale=7", options.toString());
        assertEquals(options, TcpOptions.fromBytes(options.bytes()));
    }

    @Test
    void padsToFourBytesAndLeavesAlignmentPaddingOutOfTheList() {
        TcpOptions options = TcpOptions.of(new TcpOption.WindowScale(7));
        assertEquals("03030700", options.bytes().toHex());
        assertEquals(List.of(new TcpOption.WindowScale(7)), options.list());
        TcpOptions extra = TcpOptions.fromBytes(Bytes.fromHex("0303070000000000"));
        assertEquals(List.of(new TcpOption.WindowScale(7), new TcpOption.End(), new TcpOption.End(),
                new TcpOption.End(), new TcpOption.End()), extra.list());
        assertEquals(extra, TcpOptions.of(extra.list()));
    }

    @Test
    void findsKindsLikeTheTcpOptionMatch() {
        TcpOptions options = TcpOptions.fromBytes(Bytes.fromHex("020405b4010101" + "1e04abcd" + "00"));
        assertTrue(options.contains(TcpOption.KIND_MSS));
        assertTrue(options.contains(30));
        assertFalse(options.contains(TcpOption.KIND_WINDOW_SCALE));
        assertFalse(TcpOptions.NONE.contains(TcpOption.KIND_MSS));
    }

    @Test
    void readsEveryKind() {
        TcpOptions options = TcpOptions.fromBytes(Bytes.fromHex("050a0000000100000002" + "1f02" + "01" + "000000"));
        assertEquals(List.of(new TcpOption.Sack(List.of(new TcpOption.SackBlock(1, 2))),
                new TcpOption.Unknown(31, Bytes.EMPTY), new TcpOption.Nop()), options.list());
        assertEquals("sack=1-2,kind31,nop", options.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "020405 | TCP options take 3 bytes, expected a multiple of 4 up to 40",
        "020305b4 | TCP option mss (kind 2) has length 3, expected 4",
        "02000000 | TCP option kind 2 at byte 0 has length 0, expected 2 to 4",
        "010101fe | TCP option kind 254 at byte 3 has no length byte",
        "1e080000 | TCP option kind 30 at byte 0 has length 8, expected 2 to 4",
        "00020405 | TCP options: byte 1 is not zero after the end of list",
        "0506000000000000 | TCP option sack has length 6, expected 10, 18, 26 or 34",
        "080a0000 | TCP option kind 8 at byte 0 has length 10, expected 2 to 4",
    })
    void refusesMalformedAreas(String hex, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> TcpOptions.fromBytes(Bytes.fromHex(hex))).getMessage());
    }

    @Test
    void refusesTooManyOptions() {
        TcpOption ts = new TcpOption.Timestamps(1, 2);
        assertEquals("TCP options take 52 bytes, at most 40 fit",
                assertThrows(IllegalArgumentException.class, () -> TcpOptions.of(ts, ts, ts, ts, ts)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TcpOptions.fromBytes(Bytes.zeros(44)));
    }

    @Test
    void parsesTheTextOfEachOption() {
        assertEquals(new TcpOption.Mss(536), TcpOption.parse("mss=536"));
        assertEquals(new TcpOption.WindowScale(14), TcpOption.parse("wscale=14"));
        assertEquals(new TcpOption.SackPermitted(), TcpOption.parse("sackok"));
        assertEquals(new TcpOption.Timestamps(4294967295L, 0), TcpOption.parse("ts=4294967295:0"));
        assertEquals(new TcpOption.Sack(List.of(new TcpOption.SackBlock(1, 2), new TcpOption.SackBlock(3, 4))),
                TcpOption.parse("sack=1-2/3-4"));
        assertEquals(new TcpOption.Unknown(34, Bytes.fromHex("0102")), TcpOption.parse("kind34=0102"));
        assertEquals("ts needs VALUE:ECHO, not \"1\"",
                assertThrows(IllegalArgumentException.class, () -> TcpOption.parse("ts=1")).getMessage());
        assertEquals("nop takes no value",
                assertThrows(IllegalArgumentException.class, () -> TcpOption.parse("nop=1")).getMessage());
        assertEquals("option kind 2 has its own type",
                assertThrows(IllegalArgumentException.class, () -> TcpOption.parse("kind2=0000")).getMessage());
        assertEquals("mss needs a number 0-65535, not \"x\"",
                assertThrows(IllegalArgumentException.class, () -> TcpOption.parse("mss=x")).getMessage());
    }
}
