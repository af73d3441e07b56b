package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes, equal by content: raw IP options, quoted datagrams, payload data.
 * Jackson writes it as a byte array (base64 in JSON, a byte string in CBOR).
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    @JsonCreator
    public static Bytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code source} from {@code offset}. */
    public static Bytes of(byte[] source, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(source, offset, offset + length));
    }

    /** {@code length} zero bytes. */
    public static Bytes zeros(int length) {
        return length == 0 ? EMPTY : new Bytes(new byte[length]);
    }

    /** Bytes from ISO-8859-1 text, one byte per character 0..255 (e.g. an FTP command). */
    public static Bytes ofLatin1(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " is not one byte");
            }
            bytes[i] = (byte) c;
        }
        return of(bytes);
    }

    /** Parses an even number of hex digits, e.g. {@code 020405b4}; throws IllegalArgumentException otherwise. */
    public static Bytes fromHex(String hex) {
        return of(HEX.parseHex(hex));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index} as an unsigned value 0..255. */
    public int get(int index) {
        return bytes[index] & 0xff;
    }

    /** The big-endian 16-bit value at {@code index}. */
    public int getUnsignedShort(int index) {
        return get(index) << 8 | get(index + 1);
    }

    public boolean isAllZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @JsonValue
    public byte[] toArray() {
        return bytes.clone();
    }

    /** Copies all bytes into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive). */
    public Bytes slice(int from, int to) {
        return from == 0 && to == bytes.length ? this : of(bytes, from, to - from);
    }

    /** Lowercase hex digits, two per byte. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
