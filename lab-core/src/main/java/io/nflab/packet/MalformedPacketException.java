package io.nflab.packet;

import io.nflab.diagnostics.UserInputException;

/** Bytes that are not a well-formed packet; the message says what is wrong and at which byte. */
public final class MalformedPacketException extends UserInputException {
    private final int offset;

    public MalformedPacketException(String problem, int offset) {
        super("malformed packet: " + problem + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** The index of the byte where the problem was found. */
    public int offset() {
        return offset;
    }
}
