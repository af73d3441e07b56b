package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.CtState;

/**
 * The rule engine's window on the connection-tracking entry a packet belongs to (the kernel's
 * {@code skb->_nfct} and {@code ctinfo}), implemented by the conntrack layer. The {@code state},
 * {@code conntrack} and {@code connmark} matches read it; {@code CONNMARK} writes the mark through it.
 *
 * <p>{@link #state()} says whether there is an entry: {@link CtState#INVALID} for none,
 * {@link CtState#UNTRACKED} for a packet exempted from tracking, otherwise {@link CtState#NEW},
 * {@link CtState#ESTABLISHED} or {@link CtState#RELATED} (never the virtual SNAT/DNAT states, which the
 * engine derives from {@link #status()}). The other methods are read only when there is an entry.
 * Addresses are {@link io.nflab.address.Ipv4Address#bits()}, ports unsigned 16-bit values (for ICMP the
 * tuple's identifier in the source port, as the kernel's {@code u.all}). Implementations may be mutable
 * adapters reused from packet to packet: the engine does not keep a view after an evaluation.
 */
public interface ConntrackView {

    /** No conntrack entry: the state and conntrack matches see {@code INVALID}. */
    ConntrackView NONE = Absent.INVALID;

    /** Exempted from tracking ({@code NOTRACK} earlier in the path): the state match sees {@code UNTRACKED}. */
    ConntrackView UNTRACKED = Absent.UNTRACKED;

    /** The kernel's IPS_SRC_NAT status bit: the connection's source is translated. */
    int IPS_SRC_NAT = 1 << 4;
    /** The kernel's IPS_DST_NAT status bit: the connection's destination is translated. */
    int IPS_DST_NAT = 1 << 5;

    /** INVALID, UNTRACKED, NEW, ESTABLISHED or RELATED. */
    CtState state();

    /** Whether the packet travels in the reply direction of its connection. */
    boolean isReply();

    /** The status bits, with the kernel's values (IPS_EXPECTED 1, IPS_SEEN_REPLY 2, IPS_ASSURED 4, …). */
    int status();

    /** The layer-4 protocol number of the connection. */
    int protocol();

    int originalSource();

    int originalDestination();

    int originalSourcePort();

    int originalDestinationPort();

    int replySource();

    int replyDestination();

    int replySourcePort();

    int replyDestinationPort();

    /** Whole seconds until the entry expires on the lab clock (0 when its timer is not running). */
    long expiresInSeconds();

    /** The conntrack zone (0 by default). */
    int zone();

    /** The connection mark, unsigned 32 bits. */
    long mark();

    /** Sets the connection mark ({@code CONNMARK --set-mark/--save-mark}). */
    void setMark(long mark);

    /** The views of packets without an entry. */
    enum Absent implements ConntrackView {
        INVALID(CtState.INVALID),
        UNTRACKED(CtState.UNTRACKED);

        private final CtState state;

        Absent(CtState state) {
            this.state = state;
        }

        @Override
        public CtState state() {
            return state;
        }

        @Override
        public boolean isReply() {
            return false;
        }

        @Override
        public int status() {
            return 0;
        }

        @Override
        public int protocol() {
            return 0;
        }

        @Override
        public int originalSource() {
            return 0;
        }

        @Override
        public int originalDestination() {
            return 0;
        }

        @Override
        public int originalSourcePort() {
            return 0;
        }

        @Override
        public int originalDestinationPort() {
            return 0;
        }

        @Override
        public int replySource() {
            return 0;
        }

        @Override
        public int replyDestination() {
            return 0;
        }

        @Override
        public int replySourcePort() {
            return 0;
        }

        @Override
        public int replyDestinationPort() {
            return 0;
        }

        @Override
        public long expiresInSeconds() {
            return 0;
        }

        @Override
        public int zone() {
            return 0;
        }

        @Override
        public long mark() {
            return 0;
        }

        @Override
        public void setMark(long mark) {
            throw new IllegalStateException("a packet without a conntrack entry has no connection mark");
        }
    }
}
