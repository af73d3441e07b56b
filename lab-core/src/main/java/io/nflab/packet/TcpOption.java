package io.nflab.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * One TCP option as it appears in the header. The text form (used in the packet text's
 * {@code opts} list) is tcpdump-like: {@code mss=1460}, {@code wscale=7}, {@code sackok},
 * {@code sack=1000-2000/3000-4000}, {@code ts=12345:0}, {@code nop}, {@code eol}, and
 * {@code kind30} or {@code kind30=0a0b} for any other kind.
 */
public sealed interface TcpOption {
    int KIND_END = 0;
    int KIND_NOP = 1;
    int KIND_MSS = 2;
    int KIND_WINDOW_SCALE = 3;
    int KIND_SACK_PERMITTED = 4;
    int KIND_SACK = 5;
    int KIND_TIMESTAMPS = 8;

    int kind();

    /** Bytes on the wire, kind and length octets included. */
    int length();

    /** Writes the option at {@code offset} of {@code target}. */
    void writeTo(byte[] target, int offset);

    /** The text form, e.g. {@code mss=1460}. */
    String text();

    /** End of option list (kind 0). */
    record End() implements TcpOption {
        @Override public int kind() { return KIND_END; }
        @Override public int length() { return 1; }
        @Override public void writeTo(byte[] target, int offset) { target[offset] = KIND_END; }
        @Override public String text() { return "eol"; }
    }

    /** No-operation, used for alignment (kind 1). */
    record Nop() implements TcpOption {
        @Override public int kind() { return KIND_NOP; }
        @Override public int length() { return 1; }
        @Override public void writeTo(byte[] target, int offset) { target[offset] = KIND_NOP; }
        @Override public String text() { return "nop"; }
    }

    /** Maximum segment size (kind 2). */
    record Mss(int value) implements TcpOption {
        public Mss {
            Checks.checkRange("mss", value, 0xffff);
        }
        @Override public int kind() { return KIND_MSS; }
        @Override public int length() { return 4; }
        @Override public void writeTo(byte[] target, int offset) {
            header(target, offset, this);
            Wire.putShort(target, offset + 2, value);
        }
        @Override public String text() { return "mss=" + value; }
    }

    /** Window scale shift count (kind 3). */
    record WindowScale(int shift) implements TcpOption {
        public WindowScale {
            Checks.checkRange("wscale", shift, 0xff);
        }
        @Override public int kind() { return KIND_WINDOW_SCALE; }
        @Override public int length() { return 3; }
        @Override public void writeTo(byte[] target, int offset) {
            header(target, offset, this);
            target[offset + 2] = (byte) shift;
        }
        @Override public String text() { return "wscale=" + shift; }
    }

    /** SACK permitted (kind 4). */
    record SackPermitted() implements TcpOption {
        @Override public int kind() { return KIND_SACK_PERMITTED; }
        @Override public int length() { return 2; }
        @Override public void writeTo(byte[] target, int offset) { header(target, offset, this); }
        @Override public String text() { return "sackok"; }
    }

    /** One selective acknowledgment block: sequence numbers {@code left} to {@code right}. */
    record SackBlock(long left, long right) {
        public SackBlock {
            Checks.checkRange("sack edge", left, 0xffff_ffffL);
            Checks.checkRange("sack edge", right, 0xffff_ffffL);
        }
    }

    /** Selective acknowledgment with one to four blocks (kind 5). */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
            if (blocks.isEmpty() || blocks.size() > 4) {
                throw new IllegalArgumentException("sack needs 1 to 4 blocks, not " + blocks.size());
            }
        }
        @Override public int kind() { return KIND_SACK; }
        @Override public int length() { return 2 + 8 * blocks.size(); }
        @Override public void writeTo(byte[] target, int offset) {
            header(target, offset, this);
            for (int i = 0; i < blocks.size(); i++) {
                Wire.putInt(target, offset + 2 + 8 * i, blocks.get(i).left());
                Wire.putInt(target, offset + 6 + 8 * i, blocks.get(i).right());
            }
        }
        @Override public String text() {
            StringBuilder text = new StringBuilder("sack=");
            for (SackBlock block : blocks) {
                text.append(text.length() > 5 ? "/" : "").append(block.left()).append('-').append(block.right());
            }
            return text.toString();
        }
    }

    /** Timestamps: the sender's value and the echoed reply (kind 8). */
    record Timestamps(long value, long echoReply) implements TcpOption {
        public Timestamps {
            Checks.checkRange("ts value", value, 0xffff_ffffL);
            Checks.checkRange("ts echo reply", echoReply, 0xffff_ffffL);
        }
        @Override public int kind() { return KIND_TIMESTAMPS; }
        @Override public int length() { return 10; }
        @Override public void writeTo(byte[] target, int offset) {
            header(target, offset, this);
            Wire.putInt(target, offset + 2, value);
            Wire.putInt(target, offset + 6, echoReply);
        }
        @Override public String text() { return "ts=" + value + ":" + echoReply; }
    }

    /** Any other kind, with its data bytes (the kind and length octets not included). */
    record Unknown(int kind, Bytes data) implements TcpOption {
        public Unknown {
            Checks.checkRange("option kind", kind, 0xff);
            if (kind <= KIND_SACK || kind == KIND_TIMESTAMPS) {
                throw new IllegalArgumentException("option kind " + kind + " has its own type");
            }
            if (data.length() > 38) {
                throw new IllegalArgumentException("option kind " + kind + " has " + data.length()
                        + " data bytes, at most 38 fit");
            }
        }
        @Override public int length() { return 2 + data.length(); }
        @Override public void writeTo(byte[] target, int offset) {
            header(target, offset, this);
            data.copyTo(target, offset + 2);
        }
        @Override public String text() {
            return "kind" + kind + (data.isEmpty() ? "" : "=" + data.toHex());
        }
    }

    /** Parses one option's text form; throws IllegalArgumentException saying what is wrong. */
    static TcpOption parse(String text) {
        int equals = text.indexOf('=');
        String name = equals < 0 ? text : text.substring(0, equals);
        String value = equals < 0 ? null : text.substring(equals + 1);
        switch (name) {
            case "eol": noValue(name, value); return new End();
            case "nop": noValue(name, value); return new Nop();
            case "sackok": noValue(name, value); return new SackPermitted();
            case "mss": return new Mss((int) number(name, value, 0xffff));
            case "wscale": return new WindowScale((int) number(name, value, 0xff));
            case "ts": {
                String[] parts = needValue(name, value, "VALUE:ECHO").split(":", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("ts needs VALUE:ECHO, not \"" + value + "\"");
                }
                return new Timestamps(number(name, parts[0], 0xffff_ffffL), number(name, parts[1], 0xffff_ffffL));
            }
            case "sack": {
                List<SackBlock> blocks = new ArrayList<>();
                for (String block : needValue(name, value, "LEFT-RIGHT[/LEFT-RIGHT…]").split("/", -1)) {
                    String[] edges = block.split("-", -1);
                    if (edges.length != 2) {
                        throw new IllegalArgumentException("sack block needs LEFT-RIGHT, not \"" + block + "\"");
                    }
                    blocks.add(new SackBlock(number(name, edges[0], 0xffff_ffffL), number(name, edges[1], 0xffff_ffffL)));
                }
                return new Sack(blocks);
            }
            default:
                if (name.startsWith("kind") && name.length() > 4) {
                    int kind = (int) number("kind", name.substring(4), 0xff);
                    Bytes data = value == null ? Bytes.EMPTY : hex(value);
                    return new Unknown(kind, data);
                }
                throw new IllegalArgumentException("unknown TCP option \"" + text
                        + "\", expected one of: mss=N, wscale=N, sackok, sack=L-R, ts=V:E, nop, eol, kindN[=HEX]");
        }
    }

    private static void header(byte[] target, int offset, TcpOption option) {
        target[offset] = (byte) option.kind();
        target[offset + 1] = (byte) option.length();
    }

    private static void noValue(String name, String value) {
        if (value != null) {
            throw new IllegalArgumentException(name + " takes no value");
        }
    }

    private static String needValue(String name, String value, String form) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " needs a value: " + name + "=" + form);
        }
        return value;
    }

    private static long number(String name, String text, long max) {
        needValue(name, text, "N");
        if (text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " needs a number 0-" + max + ", not \"" + text + "\"");
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new IllegalArgumentException(name + " " + value + " out of range 0-" + max);
        }
        return value;
    }

    private static Bytes hex(String text) {
        try {
            return Bytes.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option data needs pairs of hex digits, not \"" + text + "\"");
        }
    }
}
