package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/**
 * The options area of a TCP header, kept as its exact bytes (a multiple of 4, at most 40) so that
 * what the LOG target prints ({@code OPT (…)}) and what goes on the wire stay exact; {@link #list()}
 * gives the parsed options. Creation checks the area is well formed: every option fits, the known
 * kinds have their proper lengths, and only zero bytes follow an end-of-list option.
 */
public final class TcpOptions {
    public static final int MAX_LENGTH = 40;
    public static final TcpOptions NONE = new TcpOptions(Bytes.EMPTY);

    private final Bytes bytes;

    private TcpOptions(Bytes bytes) {
        this.bytes = bytes;
    }

    /** The options in order, padded with zero bytes to a multiple of 4. */
    public static TcpOptions of(List<TcpOption> options) {
        int length = 0;
        for (TcpOption option : options) {
            length += option.length();
        }
        int padded = (length + 3) & ~3;
        if (padded > MAX_LENGTH) {
            throw new IllegalArgumentException("TCP options take " + padded + " bytes, at most " + MAX_LENGTH + " fit");
        }
        byte[] area = new byte[padded];
        int offset = 0;
        for (TcpOption option : options) {
            option.writeTo(area, offset);
            offset += option.length();
        }
        return fromBytes(Bytes.of(area));
    }

    public static TcpOptions of(TcpOption... options) {
        return of(List.of(options));
    }

    /** The raw options area; throws IllegalArgumentException saying what is malformed. */
    @JsonCreator
    public static TcpOptions fromBytes(Bytes bytes) {
        if (bytes.isEmpty()) {
            return NONE;
        }
        if (bytes.length() % 4 != 0 || bytes.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("TCP options take " + bytes.length()
                    + " bytes, expected a multiple of 4 up to " + MAX_LENGTH);
        }
        parse(bytes);
        return new TcpOptions(bytes);
    }

    @JsonValue
    public Bytes bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length();
    }

    public boolean isEmpty() {
        return bytes.isEmpty();
    }

    /**
     * Whether an option of this kind is present, walking the area the way the iptables
     * {@code --tcp-option} match does; allocates nothing.
     */
    public boolean contains(int kind) {
        for (int i = 0; i < bytes.length(); ) {
            int current = bytes.get(i);
            if (current == kind) {
                return true;
            }
            if (current == TcpOption.KIND_END) {
                return false;
            }
            i += current == TcpOption.KIND_NOP ? 1 : bytes.get(i + 1);
        }
        return false;
    }

    /**
     * The options in order. Zero bytes after the last option that only pad the area to a multiple
     * of 4 are left out; any further zero bytes appear as {@link TcpOption.End}, so that
     * {@code of(list())} equals this.
     */
    public List<TcpOption> list() {
        return parse(bytes);
    }

    private static List<TcpOption> parse(Bytes area) {
        List<TcpOption> options = new ArrayList<>();
        int i = 0;
        while (i < area.length()) {
            int kind = area.get(i);
            if (kind == TcpOption.KIND_END) {
                return endOfList(area, i, options);
            }
            if (kind == TcpOption.KIND_NOP) {
                options.add(new TcpOption.Nop());
                i++;
                continue;
            }
            if (i + 1 >= area.length()) {
                throw new IllegalArgumentException("TCP option kind " + kind + " at byte " + i + " has no length byte");
            }
            int length = area.get(i + 1);
            if (length < 2 || i + length > area.length()) {
                throw new IllegalArgumentException("TCP option kind " + kind + " at byte " + i + " has length " + length
                        + ", expected 2 to " + (area.length() - i));
            }
            options.add(option(area, i, kind, length));
            i += length;
        }
        return Collections.unmodifiableList(options);
    }

    private static List<TcpOption> endOfList(Bytes area, int at, List<TcpOption> options) {
        for (int j = at; j < area.length(); j++) {
            if (area.get(j) != 0) {
                throw new IllegalArgumentException("TCP options: byte " + j + " is not zero after the end of list");
            }
        }
        int padding = (4 - at % 4) % 4;
        for (int k = area.length() - at - padding; k > 0; k--) {
            options.add(new TcpOption.End());
        }
        return Collections.unmodifiableList(options);
    }

    private static TcpOption option(Bytes area, int at, int kind, int length) {
        switch (kind) {
            case TcpOption.KIND_MSS:
                expectLength(kind, "mss", length, 4);
                return new TcpOption.Mss(area.getUnsignedShort(at + 2));
            case TcpOption.KIND_WINDOW_SCALE:
                expectLength(kind, "wscale", length, 3);
                return new TcpOption.WindowScale(area.get(at + 2));
            case TcpOption.KIND_SACK_PERMITTED:
                expectLength(kind, "sackok", length, 2);
                return new TcpOption.SackPermitted();
            case TcpOption.KIND_TIMESTAMPS:
                expectLength(kind, "ts", length, 10);
                return new TcpOption.Timestamps(unsignedInt(area, at + 2), unsignedInt(area, at + 6));
            case TcpOption.KIND_SACK: {
                if (length % 8 != 2 || length < 10) {
                    throw new IllegalArgumentException("TCP option sack has length " + length + ", expected 10, 18, 26 or 34");
                }
                List<TcpOption.SackBlock> blocks = new ArrayList<>();
                for (int b = at + 2; b < at + length; b += 8) {
                    blocks.add(new TcpOption.SackBlock(unsignedInt(area, b), unsignedInt(area, b + 4)));
                }
                return new TcpOption.Sack(blocks);
            }
            default:
                return new TcpOption.Unknown(kind, area.slice(at + 2, at + length));
        }
    }

    private static void expectLength(int kind, String name, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("TCP option " + name + " (kind " + kind + ") has length " + length
                    + ", expected " + expected);
        }
    }

    private static long unsignedInt(Bytes area, int at) {
        return (long) area.getUnsignedShort(at) << 16 | area.getUnsignedShort(at + 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpOptions other && other.bytes.equals(bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    /** The text form: the options' texts joined by commas, e.g. {@code mss=1460,sackok,nop,wscale=7}. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(",");
        for (TcpOption option : list()) {
            text.add(option.text());
        }
        return text.toString();
    }
}
