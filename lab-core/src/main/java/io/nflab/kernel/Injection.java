package io.nflab.kernel;

/** What a kernel lab put into the network to make an {@link Observation}. */
public sealed interface Injection permits LocalSend, WireDelivery {

    /** The node the injection concerns: the sender, or the receiver of a frame from the wire. */
    String node();
}
