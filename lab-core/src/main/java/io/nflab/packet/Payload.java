package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * The application data a transport header carries: a length, plus the bytes when they matter
 * (application helpers such as FTP read them). A payload given only by its length is that many
 * zero bytes on the wire; bytes that are all zero are therefore kept as a length only, so equal
 * wire contents give equal payloads.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Payload {
    /** The largest payload an IPv4 packet can carry (65535 minus a 20-byte IP header). */
    public static final int MAX_LENGTH = 65515;
    public static final Payload EMPTY = new Payload(0, null);

    private final int length;
    private final Bytes data;

    private Payload(int length, Bytes data) {
        this.length = length;
        this.data = data;
    }

    /** {@code length} bytes whose content does not matter (zeros on the wire). */
    public static Payload ofLength(int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("payload length " + length + " out of range 0-" + MAX_LENGTH);
        }
        return length == 0 ? EMPTY : new Payload(length, null);
    }

    public static Payload of(Bytes bytes) {
        return bytes.isAllZero() ? ofLength(bytes.length()) : new Payload(checkedLength(bytes), bytes);
    }

    public static Payload of(byte[] bytes) {
        return of(Bytes.of(bytes));
    }

    /** ISO-8859-1 text, one byte per character, e.g. {@code "PORT 192,168,1,2,4,1\r\n"}. */
    public static Payload ofLatin1(String text) {
        return of(Bytes.ofLatin1(text));
    }

    @JsonCreator
    static Payload fromJson(@JsonProperty("length") int length, @JsonProperty("data") Bytes data) {
        if (data == null) {
            return ofLength(length);
        }
        if (data.length() != length) {
            throw new IllegalArgumentException("payload length " + length + " but " + data.length() + " data bytes");
        }
        return of(data);
    }

    private static int checkedLength(Bytes bytes) {
        ofLength(bytes.length());
        return bytes.length();
    }

    @JsonProperty("length")
    public int length() {
        return length;
    }

    /** Whether the content was given (and is not all zero). */
    public boolean hasBytes() {
        return data != null;
    }

    /** The content: the given bytes, or {@link #length()} zeros. */
    public Bytes bytes() {
        return data != null ? data : Bytes.zeros(length);
    }

    @JsonProperty("data")
    Bytes data() {
        return data;
    }

    /** Copies the content (zeros when not given) into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        if (data != null) {
            data.copyTo(target, offset);
        } else {
            Arrays.fill(target, offset, offset + length, (byte) 0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload other && other.length == length && Objects.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return length * 31 + Objects.hashCode(data);
    }

    @Override
    public String toString() {
        return data == null ? "len " + length : "data " + data.toHex();
    }
}
