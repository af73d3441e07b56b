package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void aLengthOnlyPayloadIsThatManyZeros() {
        Payload payload = Payload.ofLength(4);
        assertEquals(4, payload.length());
        assertFalse(payload.hasBytes());
        assertEquals(Bytes.zeros(4), payload.bytes());
        assertEquals(payload, Payload.of(new byte[4]), "zero bytes are kept as a length");
        assertEquals(Payload.EMPTY, Payload.ofLength(0));
    }

    @Test
    void givenBytesAreKept() {
        Payload payload = Payload.ofLatin1("PORT 192,168,1,2,4,1\r\n");
        assertTrue(payload.hasBytes());
        assertEquals(22, payload.length());
        assertEquals('P', payload.bytes().get(0));
        assertNotEquals(Payload.ofLength(22), payload);
        byte[] target = {9, 9, 9, 9};
        Payload.ofLength(2).copyTo(target, 1);
        assertEquals("09000009", Bytes.of(target).toHex());
    }

    @Test
    void refusesBadLengths() {
        assertThrows(IllegalArgumentException.class, () -> Payload.ofLength(-1));
        assertThrows(IllegalArgumentException.class, () -> Payload.ofLength(Payload.MAX_LENGTH + 1));
        assertThrows(IllegalArgumentException.class, () -> Payload.ofLatin1("\u20ac"));
    }

    @Test
    void bytesCompareByContent() {
        assertEquals(Bytes.fromHex("0aff"), Bytes.of(new byte[] {10, -1}));
        assertEquals(255, Bytes.fromHex("0aff").get(1));
        assertEquals(0x0aff, Bytes.fromHex("0aff").getUnsignedShort(0));
        assertEquals(Bytes.fromHex("ff"), Bytes.fromHex("0aff").slice(1, 2));
        assertEquals("0aff", Bytes.fromHex("0AFF").toString());
        assertTrue(Bytes.zeros(3).isAllZero());
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("abc"));
    }
}
