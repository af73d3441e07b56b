package io.nflab.packet;

/** The ARP operations nflab models (RFC 826). */
public enum ArpOperation {
    REQUEST(1),
    REPLY(2);

    private final int code;

    ArpOperation(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The operation with this code, or null. */
    static ArpOperation ofCode(int code) {
        for (ArpOperation operation : values()) {
            if (operation.code == code) {
                return operation;
            }
        }
        return null;
    }
}
