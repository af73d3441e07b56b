package io.nflab.stack;

import io.nflab.packet.Ipv4Packet;

/**
 * Who follows packets through a {@link NetStack}: the lab runtime, which gives every packet an id and
 * keeps its story. The stack asks for an id whenever it creates a packet (a {@code send}, a socket's
 * output, a reply or ICMP error of its own), keeps that id with the packet while it crosses the hooks, the
 * neighbour queue and NAT, puts it on the frames it sends ({@link OutFrame#packetId()}), and reports each
 * step ({@link #hop}) and each fate ({@link #fate}) under it. {@link #NONE} costs nothing: ids are 0 and
 * hop texts are never built.
 */
public interface PacketWatcher {

    /** Watches nothing: every id is 0, no hop is reported. */
    PacketWatcher NONE = new PacketWatcher() {
        @Override
        public long created(Ipv4Packet packet, long causeId) {
            return 0;
        }

        @Override
        public boolean wantsHops() {
            return false;
        }

        @Override
        public void hop(long id, StackHop hop) {
        }

        @Override
        public void fate(long id, Fate fate) {
        }
    };

    /**
     * The stack created {@code packet}; {@code causeId} is the packet it was handling when it did (the SYN a
     * SYN-ACK answers, the packet an ICMP error is about), 0 when none (a {@code send}, a timer). Returns
     * the new packet's id.
     */
    long created(Ipv4Packet packet, long causeId);

    /** Whether {@link #hop} wants to hear about steps (their text costs something to build). */
    boolean wantsHops();

    /** Packet {@code id} took a step on this stack (only called when {@link #wantsHops()}). */
    void hop(long id, StackHop hop);

    /**
     * Packet {@code id} met {@code fate} on this stack: every fate, in order (the ones a {@link StackOutput}
     * lists, also in the calls that list nothing and hand their frames to a {@link FrameSink}).
     */
    void fate(long id, Fate fate);
}
