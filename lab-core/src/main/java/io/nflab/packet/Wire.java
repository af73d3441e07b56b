package io.nflab.packet;

/** Big-endian field access on byte arrays, shared by the encoders and decoders. */
final class Wire {
    private Wire() {
    }

    static void putShort(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 8);
        target[offset + 1] = (byte) value;
    }

    static void putInt(byte[] target, int offset, long value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }

    static int getShort(byte[] source, int offset) {
        return (source[offset] & 0xff) << 8 | source[offset + 1] & 0xff;
    }

    static long getInt(byte[] source, int offset) {
        return (long) getShort(source, offset) << 16 | getShort(source, offset + 2);
    }
}
