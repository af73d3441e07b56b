package io.nflab.kernel;

/** Which way a captured frame crossed an interface of the node it was captured on. */
public enum Direction {
    /** Received by the interface. */
    IN,
    /** Sent out of the interface. */
    OUT
}
