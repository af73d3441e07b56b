package io.nflab.conntrack;

import static io.nflab.conntrack.TcpTransitions.ACK;
import static io.nflab.conntrack.TcpTransitions.IGNORE;
import static io.nflab.conntrack.TcpTransitions.INVALID;
import static io.nflab.conntrack.TcpTransitions.RST;
import static io.nflab.conntrack.TcpTransitions.SYN;
import static io.nflab.conntrack.TcpTransitions.SYNACK;

/**
 * The TCP tracker, {@code nf_conntrack_tcp_packet} of net/netfilter/nf_conntrack_proto_tcp.c: flag
 * validation, creation (including the {@code nf_conntrack_tcp_loose} pick-up of connections already under
 * way), the transition table, the special cases around it (reopening from TIME_WAIT/CLOSE, simultaneous
 * open, re-synchronising after an ignored SYN, RFC 5961 challenge ACKs, RST), timeouts and ASSURED.
 *
 * <p>Window tracking is not modelled: packets carry no sequence numbers, so every segment is taken as in
 * window, as if both ends were well-behaved TCP stacks. Its one visible effect, the shorter
 * "unacknowledged" timeout while data is in flight, is approximated: a segment carrying data (or a first
 * FIN) leaves its direction unacknowledged until the other direction sends a segment, which is taken to
 * acknowledge everything.
 *
 * <p>State kept in {@link ConntrackEntry#protoState}:
 * <pre>
 * bits 0-3 state | 4-6 last index | 7 last direction | 8+d CLOSE_INIT | 10+d DATA_UNACKNOWLEDGED
 * | 12+d BE_LIBERAL | 14+d direction seen | 16+d FIN sent | 18 SIMULTANEOUS_OPEN | 19 EXP_CHALLENGE_ACK
 * </pre>
 * ({@code d} = 0 original, 1 reply.)
 */
final class TcpTracker {
    private static final int STATE_MASK = 0xf;
    private static final int LAST_INDEX_SHIFT = 4;
    private static final int LAST_INDEX_MASK = 0x7 << LAST_INDEX_SHIFT;
    private static final int LAST_DIR = 1 << 7;
    private static final int CLOSE_INIT = 1 << 8;
    private static final int UNACK = 1 << 10;
    private static final int LIBERAL = 1 << 12;
    private static final int SEEN = 1 << 14;
    private static final int FIN_SENT = 1 << 16;
    private static final int SIMULTANEOUS_OPEN = 1 << 18;
    private static final int EXP_CHALLENGE_ACK = 1 << 19;

    private static final int S_NONE = TcpState.NONE.ordinal();
    private static final int S_SYN_SENT = TcpState.SYN_SENT.ordinal();
    private static final int S_SYN_RECV = TcpState.SYN_RECV.ordinal();
    private static final int S_ESTABLISHED = TcpState.ESTABLISHED.ordinal();
    private static final int S_FIN_WAIT = TcpState.FIN_WAIT.ordinal();
    private static final int S_CLOSE_WAIT = TcpState.CLOSE_WAIT.ordinal();
    private static final int S_LAST_ACK = TcpState.LAST_ACK.ordinal();
    private static final int S_TIME_WAIT = TcpState.TIME_WAIT.ordinal();
    private static final int S_CLOSE = TcpState.CLOSE.ordinal();
    private static final int S_SYN_SENT2 = TcpState.SYN_SENT2.ordinal();

    private TcpTracker() {
    }

    static TcpState state(ConntrackEntry ct) {
        return TcpState.ofOrdinal(ct.protoState & STATE_MASK);
    }

    /**
     * The state of an entry made through ctnetlink ({@code conntrack -I}): liberal window tracking in both
     * directions, CLOSE_INIT when created in TIME_WAIT or later so that a new SYN may reopen it (what
     * conntrack's TCP module sends).
     */
    static int createdState(TcpState state) {
        int bits = state.ordinal() | TcpTransitions.NONE << LAST_INDEX_SHIFT | LIBERAL | LIBERAL << 1;
        if (state.ordinal() >= S_TIME_WAIT) {
            bits |= CLOSE_INIT | CLOSE_INIT << 1;
        }
        return bits;
    }

    static TrackVerdict packet(ConntrackEntry ct, ConntrackPacket packet, int dir, long now, ConntrackSettings s) {
        int flags = packet.tcpFlags();
        if (!TcpFlagBits.isValidCombination(flags)) {
            return TrackVerdict.INVALID_TCP_FLAGS;
        }
        if (!ct.isConfirmed() && !startConnection(ct, flags, s)) {
            return TrackVerdict.INVALID_TCP_NEW;
        }
        int bits = ct.protoState;
        int oldState = bits & STATE_MASK;
        int index = TcpTransitions.kind(flags);
        int newState = TcpTransitions.next(dir, index, oldState);
        boolean windowChecked = true;

        if (newState == S_SYN_SENT && oldState >= S_TIME_WAIT) {
            if ((bits & (CLOSE_INIT | CLOSE_INIT << 1)) != 0 || lastDir(bits) == dir && lastIndex(bits) == RST) {
                return TrackVerdict.REPEAT; // reopening a closed or aborted connection
            }
            newState = IGNORE;
        }
        if (newState == IGNORE) {
            if (index == SYNACK && lastIndex(bits) == SYN && lastDir(bits) != dir) {
                // b) the SYN/ACK answers a SYN we ignored: both ends are in sync, we are not.
                oldState = S_SYN_SENT;
                newState = S_SYN_RECV;
                int ignoredDir = lastDir(bits);
                bits &= ~(EXP_CHALLENGE_ACK | dirBits(ignoredDir) | dirBits(dir)) | LIBERAL << dir;
                bits |= SEEN << ignoredDir;
            } else {
                bits = withLast(bits, index, dir);
                if (index == SYN && dir == 0) {
                    bits &= ~(SIMULTANEOUS_OPEN | EXP_CHALLENGE_ACK);
                    if (oldState == S_LAST_ACK) {
                        bits |= EXP_CHALLENGE_ACK;
                    }
                }
                ct.protoState = bits;
                return TrackVerdict.IGNORED;
            }
        } else if (newState == INVALID) {
            return TrackVerdict.INVALID_TCP_STATE;
        } else if (newState == S_TIME_WAIT) {
            if (oldState == S_LAST_ACK && index == ACK && lastDir(bits) != dir && lastIndex(bits) == SYN
                    && (bits & EXP_CHALLENGE_ACK) != 0) {
                ct.protoState = bits & ~EXP_CHALLENGE_ACK;
                return TrackVerdict.IGNORED; // RFC 5961 challenge ACK, not the last ACK
            }
        } else if (newState == S_SYN_SENT2) {
            bits |= SIMULTANEOUS_OPEN;
        } else if (newState == S_SYN_RECV) {
            if (dir == 1 && index == ACK && (bits & SIMULTANEOUS_OPEN) != 0) {
                newState = S_ESTABLISHED;
            }
        } else if (newState == S_CLOSE && index == RST && canEarlyDrop(oldState)) {
            windowChecked = false; // closing anyway: skip the window check
        }
        if (windowChecked) {
            bits = followWindow(bits, dir, flags, packet.payloadLength());
        }
        return enterState(ct, bits, packet, dir, now, s, oldState, newState, index);
    }

    private static TrackVerdict enterState(ConntrackEntry ct, int windowBits, ConntrackPacket packet, int dir,
            long now, ConntrackSettings s, int oldState, int newState, int index) {
        int bits = withLast(windowBits, index, dir);
        bits = bits & ~STATE_MASK | newState;
        if (oldState != newState && newState == S_FIN_WAIT) {
            bits |= CLOSE_INIT << dir;
        }
        if (ct.protoState != bits) {
            ct.protoState = bits; // written only when it changes: keeps a busy entry's cache line clean
        }

        long unacknowledged = s.nanos(ConntrackSysctl.TCP_TIMEOUT_UNACKNOWLEDGED);
        long timeout = s.tcpTimeoutNanos(newState);
        if (index == RST) {
            timeout = s.tcpTimeoutNanos(S_CLOSE);
        } else if ((bits & (UNACK | UNACK << 1)) != 0 && timeout > unacknowledged) {
            timeout = unacknowledged;
        }
        if (!ct.seenReply()) {
            if (index == RST) {
                // The only answer is a RST: no connection worth keeping.
                ct.account(dir, packet.length());
                return TrackVerdict.KILL;
            }
            if (index == SYN && oldState == S_SYN_SENT) {
                return TrackVerdict.ACCEPT; // a retransmitted SYN does not renew the timeout
            }
            if (newState == S_ESTABLISHED && timeout > unacknowledged) {
                timeout = unacknowledged; // picked up mid-stream, not answered yet
            }
        } else if (!ct.isAssured() && (oldState == S_SYN_RECV || oldState == S_ESTABLISHED)
                && newState == S_ESTABLISHED) {
            ct.status |= ConntrackStatus.ASSURED;
        }
        ct.refresh(dir, now, timeout, packet.length());
        return TrackVerdict.ACCEPT;
    }

    /** Puts the connection in CLOSE ({@code nf_conntrack_tcp_set_closing}); false when it was there already. */
    static boolean setClosing(ConntrackEntry ct) {
        if ((ct.protoState & STATE_MASK) == S_CLOSE) {
            return false;
        }
        ct.protoState = ct.protoState & ~STATE_MASK | S_CLOSE;
        return true;
    }

    /** The kernel's {@code tcp_new}: may this packet start tracking a connection? */
    private static boolean startConnection(ConntrackEntry ct, int flags, ConntrackSettings s) {
        int newState = TcpTransitions.next(0, TcpTransitions.kind(flags), S_NONE);
        if (newState >= INVALID) {
            return false;
        }
        int bits = S_NONE | TcpTransitions.NONE << LAST_INDEX_SHIFT;
        if (newState != S_SYN_SENT) {
            if (!s.tcpLoose()) {
                return false; // nf_conntrack_tcp_loose=0: no pick-up of connections under way
            }
            bits |= LIBERAL | LIBERAL << 1;
        }
        ct.protoState = bits;
        return true;
    }

    /**
     * What the window tracker would record for an in-window segment (the new state bits), reduced to the
     * flags that change timeouts: the first segment of a direction only initialises it; later ones with data or a first FIN
     * leave data unacknowledged; every segment acknowledges what the other direction sent.
     */
    private static int followWindow(int state, int dir, int flags, int payloadLength) {
        int bits = state;
        boolean fin = (flags & TcpFlagBits.FIN) != 0;
        if ((bits & SEEN << dir) == 0) {
            bits |= SEEN << dir;
            if (fin) {
                bits |= FIN_SENT << dir;
            }
            if ((flags & (TcpFlagBits.SYN | TcpFlagBits.ACK)) == TcpFlagBits.SYN) {
                return bits; // simultaneous open: the kernel stops here
            }
        } else {
            if (payloadLength > 0 || fin && (bits & FIN_SENT << dir) == 0) {
                bits |= UNACK << dir;
            }
            if (fin) {
                bits |= FIN_SENT << dir;
            }
        }
        return bits & ~(UNACK << (1 - dir));
    }

    private static boolean canEarlyDrop(int state) {
        return state == S_FIN_WAIT || state == S_LAST_ACK || state == S_TIME_WAIT || state == S_CLOSE
                || state == S_CLOSE_WAIT;
    }

    /** The per-direction bits the kernel resets with a direction's window data. */
    private static int dirBits(int dir) {
        return (CLOSE_INIT | UNACK | LIBERAL | SEEN | FIN_SENT) << dir;
    }

    private static int withLast(int bits, int index, int dir) {
        bits = bits & ~(LAST_INDEX_MASK | LAST_DIR) | index << LAST_INDEX_SHIFT;
        return dir == 1 ? bits | LAST_DIR : bits;
    }

    private static int lastIndex(int bits) {
        return (bits & LAST_INDEX_MASK) >>> LAST_INDEX_SHIFT;
    }

    private static int lastDir(int bits) {
        return (bits & LAST_DIR) != 0 ? 1 : 0;
    }
}
