package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.Payload;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpFlags;
import io.nflab.packet.TcpOptions;
import io.nflab.packet.TcpSegment;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * One TCP connection of a {@link SocketTable}, the handle its application holds: it sends data,
 * closes, and tells its state, error and {@link Outcome}. The state machine follows RFC 9293 with
 * Linux's choices where they show on the wire:
 * <ul>
 * <li>data is acknowledged at once (quick-ack mode, where Linux is at the start of a connection); the
 *     ACK of a FIN waits until the application has reacted, so a close in answer to the peer's close
 *     sends one FIN-ACK, as Linux does when the application closes right after reading EOF;</li>
 * <li>SYNs are retransmitted after 1 s, doubling, {@code tcp_syn_retries} times, then the connection
 *     fails with ETIMEDOUT; SYN-ACKs {@code tcp_synack_retries} times; unacknowledged data and FINs after
 *     200 ms plus the handshake's round trip, doubling up to 120 s, {@code tcp_retries2} times;</li>
 * <li>a RST answering the SYN is ECONNREFUSED; any ICMP error about the SYN (destination unreachable,
 *     time exceeded) ends the attempt with its errno as in {@code tcp_v4_err}; later ICMP errors are soft;</li>
 * <li>out-of-order segments are dropped and acknowledged with a duplicate ACK (no SACK blocks, no
 *     reassembly queue): the peer's retransmission fills the gap; the peer's window is not enforced;</li>
 * <li>RST and SYN checks of RFC 5961: a RST in the window but not at {@code rcv_nxt}, and a SYN on a
 *     synchronized connection, get a challenge ACK;</li>
 * <li>the closing side waits in TIME_WAIT for 60 s; an application that closed waits at most
 *     {@code tcp_fin_timeout} in FIN_WAIT2; data arriving after the application closed is answered with
 *     a RST, as Linux does for an orphaned socket.</li>
 * </ul>
 */
public final class TcpConnection implements Endpoint {
    private static final long MIN_RTO = 200_000_000L;
    private static final long SYN_RTO = SocketSettings.SECOND;
    private static final long MAX_RTO = 120 * SocketSettings.SECOND;
    /** {@code net.ipv4.tcp_invalid_ratelimit}: 500 ms. */
    private static final long INVALID_RATELIMIT = 500_000_000L;
    private static final long NEVER = Long.MIN_VALUE;


    /** A segment sent and not yet acknowledged, kept for retransmission. */
    private record Unacked(long sequence, TcpFlags flags, Bytes data) {
        long end() {
            return TcpSequence.add(sequence, data.length() + (flags.has(TcpFlag.SYN) ? 1 : 0) + (flags.has(TcpFlag.FIN) ? 1 : 0));
        }
    }

    private final SocketTable table;
    private final SocketTable.TcpKey key;
    private final Ipv4Address localAddress;
    private final Ipv4Address remoteAddress;
    private final int localPort;
    private final int remotePort;
    private final boolean activeOpen;
    private final TcpListener listener;
    private final SocketId id;
    private final Delivery delivery;
    private final long timestampOffset;
    private final ArrayDeque<Unacked> unacked = new ArrayDeque<>();

    private TcpHandler handler;
    private TcpState state;
    private LinuxTcpOptions.Offer offer = LinuxTcpOptions.Offer.NONE;
    private long iss;
    private long sendUnacknowledged;
    private long sendNext;
    private long receiveNext;
    private long timestampRecent;
    private int ipIdentifier;
    private int ttl;
    private long synSentAt;
    /** When a retransmitted SYN was last answered ({@link #outOfWindowRateLimited}); {@link #NEVER} before. */
    private long lastOutOfWindowAck = NEVER;
    private long rto = SYN_RTO;
    private int retransmissions;
    private Timer retransmitTimer;
    private Timer stateTimer;
    private boolean finSent;
    private boolean ackOwed;
    private boolean applicationClosed;
    private boolean everEstablished;
    private boolean closedNotified;
    private Errno error;

    TcpConnection(SocketTable table, SocketTable.TcpKey key, boolean activeOpen, TcpListener listener,
                  TcpHandler handler, String owner) {
        this.table = table;
        this.key = key;
        this.localAddress = Ipv4Address.of(key.localAddress());
        this.remoteAddress = Ipv4Address.of(key.remoteAddress());
        this.localPort = key.localPort();
        this.remotePort = key.remotePort();
        this.activeOpen = activeOpen;
        this.listener = listener;
        this.handler = handler;
        this.id = new SocketId(IpProtocol.TCP, localAddress, localPort, remoteAddress, remotePort, owner);
        this.delivery = new Delivery(id);
        this.timestampOffset = table.timestampOffset(key.localAddress(), key.remoteAddress());
        this.ipIdentifier = table.initialIpIdentifier(key);
        this.ttl = table.settings().defaultTtl();
    }

    // ---------------------------------------------------------------- application side

    @Override
    public SocketId id() {
        return id;
    }

    public Ipv4Address localAddress() {
        return localAddress;
    }

    public int localPort() {
        return localPort;
    }

    public Ipv4Address remoteAddress() {
        return remoteAddress;
    }

    public int remotePort() {
        return remotePort;
    }

    public TcpState state() {
        return state;
    }

    /** The error that ended the connection, if one did. */
    public Optional<Errno> error() {
        return Optional.ofNullable(error);
    }

    /** Whether the handshake ever completed. */
    public boolean wasEstablished() {
        return everEstablished;
    }

    /** How the connection attempt went. */
    public Outcome outcome() {
        if (error != null) {
            return Outcome.of(error, everEstablished);
        }
        return everEstablished ? Outcome.ESTABLISHED : Outcome.PENDING;
    }

    /** Whether this side opened the connection (connect) rather than accepted it. */
    public boolean isActiveOpen() {
        return activeOpen;
    }

    /** Sets the IP TTL of the packets this connection sends ({@code IP_TTL}). */
    public void setTtl(int newTtl) {
        if (newTtl < 1 || newTtl > 255) {
            throw new IllegalArgumentException("TTL out of range 1-255: " + newTtl);
        }
        ttl = newTtl;
    }

    /** Replaces the handler (e.g. a client that hands the connection on). */
    public void setHandler(TcpHandler newHandler) {
        handler = Objects.requireNonNull(newHandler, "handler");
    }

    /**
     * Sends {@code data}: segments of at most the agreed segment size, PSH on the last, each sent at once.
     *
     * @throws SocketException EPIPE when the connection can no longer send
     */
    public void send(Bytes data, long now) {
        if (!state.canSend() || applicationClosed) {
            throw new SocketException("send", Errno.EPIPE);
        }
        int size = LinuxTcpOptions.segmentSize(offer);
        for (int offset = 0; offset < data.length(); offset += size) {
            int end = Math.min(data.length(), offset + size);
            TcpFlags flags = end == data.length() ? TcpFlags.PSH_ACK : TcpFlags.ACK;
            queue(new Unacked(sendNext, flags, data.slice(offset, end)), now);
        }
    }

    /** Closes the connection in an orderly way (a FIN after the data); the application reads nothing more. */
    public void close(long now) {
        if (applicationClosed) {
            return;
        }
        applicationClosed = true;
        switch (state) {
            case SYN_SENT -> finish(null, now);
            case SYN_RECV, ESTABLISHED -> {
                state = TcpState.FIN_WAIT1;
                sendFin(now);
            }
            case CLOSE_WAIT -> {
                state = TcpState.LAST_ACK;
                sendFin(now);
            }
            default -> {
            }
        }
    }

    /** Aborts the connection: a RST to the peer (SO_LINGER 0), and it is gone. */
    public void abort(long now) {
        if (state == TcpState.CLOSED) {
            return;
        }
        if (state != TcpState.SYN_SENT && state != TcpState.TIME_WAIT) {
            transmit(sendNext, TcpFlags.RST_ACK, Bytes.EMPTY, now);
        }
        applicationClosed = true;
        finish(null, now);
    }

    @Override
    public String toString() {
        return id + " " + state;
    }

    // ---------------------------------------------------------------- opening

    @Override
    public Delivery delivery() {
        return delivery;
    }

    SocketTable.TcpKey key() {
        return key;
    }

    void connect(long now) {
        iss = table.initialSequence(key, now);
        sendUnacknowledged = iss;
        sendNext = iss;
        state = TcpState.SYN_SENT;
        synSentAt = now;
        queue(new Unacked(iss, TcpFlags.SYN, Bytes.EMPTY), now);
    }

    void acceptSyn(TcpSegment syn, long now) {
        offer = LinuxTcpOptions.Offer.of(syn.options());
        receiveNext = TcpSequence.add(syn.sequence(), 1);
        timestampRecent = Math.max(0, LinuxTcpOptions.timestampValue(syn.options()));
        iss = table.initialSequence(key, now);
        sendUnacknowledged = iss;
        sendNext = iss;
        state = TcpState.SYN_RECV;
        synSentAt = now;
        queue(new Unacked(iss, TcpFlags.SYN_ACK, Bytes.EMPTY), now);
    }

    // ---------------------------------------------------------------- arriving segments

    void receive(TcpSegment segment, long now) {
        if (state == TcpState.SYN_SENT) {
            synSent(segment, now);
        } else if (state == TcpState.TIME_WAIT) {
            timeWait(segment, now);
        } else if (state != TcpState.CLOSED) {
            synchronizedState(segment, now);
        }
        if (ackOwed && state != TcpState.CLOSED) {
            sendAck(now);
        }
    }

    /** Whether a SYN may end this TIME_WAIT connection and open a new one (sequence above the old one's). */
    boolean acceptsNewSyn(TcpSegment syn) {
        return state == TcpState.TIME_WAIT && TcpSequence.after(syn.sequence(), receiveNext);
    }

    private void synSent(TcpSegment segment, long now) {
        TcpFlags flags = segment.flags();
        boolean ack = flags.has(TcpFlag.ACK);
        if (ack && segment.acknowledgment() != sendNext) {
            if (!flags.has(TcpFlag.RST)) {
                table.emit(TcpReset.build(localAddress, remoteAddress, localPort, remotePort,
                        segment.acknowledgment(), 0, false, ttl, 0));
            }
            return;
        }
        if (flags.has(TcpFlag.RST)) {
            if (ack) {
                finish(Errno.ECONNREFUSED, now);
            }
            return;
        }
        if (!flags.has(TcpFlag.SYN)) {
            return;
        }
        offer = LinuxTcpOptions.Offer.of(segment.options());
        receiveNext = TcpSequence.add(segment.sequence(), 1);
        timestampRecent = Math.max(0, LinuxTcpOptions.timestampValue(segment.options()));
        if (!ack) {
            state = TcpState.SYN_RECV;
            unacked.clear();
            queue(new Unacked(iss, TcpFlags.SYN_ACK, Bytes.EMPTY), now);
            return;
        }
        acknowledge(segment.acknowledgment(), now);
        rto = MIN_RTO + (now - synSentAt);
        establish();
        sendAck(now);
        notifyConnected(now);
    }

    private void synchronizedState(TcpSegment segment, long now) {
        TcpFlags flags = segment.flags();
        if (state == TcpState.SYN_RECV && flags.has(TcpFlag.SYN) && !flags.has(TcpFlag.ACK)
                && segment.sequence() == TcpSequence.add(receiveNext, -1)) {
            if (activeOpen || !outOfWindowRateLimited(now)) {
                retransmitAll(now);
            }
            return;
        }
        Bytes data = segment.payload().length() == 0 ? Bytes.EMPTY : segment.payload().bytes();
        long sequence = segment.sequence();
        int length = data.length() + (flags.has(TcpFlag.SYN) ? 1 : 0) + (flags.has(TcpFlag.FIN) ? 1 : 0);
        if (sequence != receiveNext) {
            int behind = TcpSequence.distance(receiveNext, sequence);
            if (behind <= 0 || behind >= length || flags.has(TcpFlag.RST) || flags.has(TcpFlag.SYN)) {
                if (flags.has(TcpFlag.RST)) {
                    if (inReceiveWindow(sequence)) {
                        sendAck(now);
                    }
                } else {
                    sendAck(now);
                }
                return;
            }
            data = data.slice(Math.min(behind, data.length()), data.length());
            sequence = receiveNext;
        }
        if (flags.has(TcpFlag.RST)) {
            if (state == TcpState.SYN_RECV && !activeOpen) {
                finish(null, now);
            } else {
                finish(state == TcpState.SYN_RECV ? Errno.ECONNREFUSED : Errno.ECONNRESET, now);
            }
            return;
        }
        if (flags.has(TcpFlag.SYN)) {
            sendAck(now);
            return;
        }
        if (!flags.has(TcpFlag.ACK)) {
            return;
        }
        long peerTimestamp = LinuxTcpOptions.timestampValue(segment.options());
        if (peerTimestamp >= 0) {
            timestampRecent = peerTimestamp;
        }
        if (!processAck(segment, now)) {
            return;
        }
        if (data.length() > 0 && applicationClosed && (state == TcpState.FIN_WAIT1 || state == TcpState.FIN_WAIT2)) {
            table.emit(TcpReset.build(localAddress, remoteAddress, localPort, remotePort, segment.acknowledgment(), 0,
                    false, ttl, 0));
            finish(null, now);
            return;
        }
        if (data.length() > 0 && acceptsData()) {
            receiveNext = TcpSequence.add(receiveNext, data.length());
            sendAck(now);
            if (handler != null && !applicationClosed) {
                handler.received(this, data, now);
            }
        }
        if (flags.has(TcpFlag.FIN) && state != TcpState.CLOSED) {
            receiveFin(now);
        }
    }

    /** Returns false when the segment must be dropped. */
    private boolean processAck(TcpSegment segment, long now) {
        long ack = segment.acknowledgment();
        if (state == TcpState.SYN_RECV) {
            if (ack != sendNext) {
                table.emit(TcpReset.build(localAddress, remoteAddress, localPort, remotePort, ack, 0, false, ttl, 0));
                return false;
            }
            acknowledge(ack, now);
            rto = MIN_RTO + (now - synSentAt);
            establish();
            if (listener != null && handler == null) {
                handler = listener.accept(this, now);
            }
            notifyConnected(now);
            return state != TcpState.CLOSED;
        }
        if (TcpSequence.after(ack, sendNext)) {
            sendAck(now);
            return false;
        }
        if (TcpSequence.after(ack, sendUnacknowledged)) {
            acknowledge(ack, now);
        }
        if (finSent && sendUnacknowledged == sendNext) {
            switch (state) {
                case FIN_WAIT1 -> {
                    state = TcpState.FIN_WAIT2;
                    stateTimer = table.schedule(now + table.settings().finTimeoutNanos(), this::finWait2Expired);
                }
                case CLOSING -> enterTimeWait(now);
                case LAST_ACK -> {
                    finish(null, now);
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    private boolean acceptsData() {
        return state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT1 || state == TcpState.FIN_WAIT2;
    }

    private void receiveFin(long now) {
        switch (state) {
            case ESTABLISHED -> {
                receiveNext = TcpSequence.add(receiveNext, 1);
                ackOwed = true;
                state = TcpState.CLOSE_WAIT;
                if (handler != null && !applicationClosed) {
                    handler.peerClosed(this, now);
                }
            }
            case FIN_WAIT1 -> {
                receiveNext = TcpSequence.add(receiveNext, 1);
                ackOwed = true;
                state = TcpState.CLOSING;
            }
            case FIN_WAIT2 -> {
                receiveNext = TcpSequence.add(receiveNext, 1);
                ackOwed = true;
                enterTimeWait(now);
            }
            default -> ackOwed = true;
        }
    }

    private void timeWait(TcpSegment segment, long now) {
        TcpFlags flags = segment.flags();
        if (flags.has(TcpFlag.RST)) {
            finish(null, now);
            return;
        }
        if (flags.has(TcpFlag.FIN) || segment.payload().length() > 0 || segment.sequence() != receiveNext) {
            sendAck(now);
            if (flags.has(TcpFlag.FIN)) {
                stateTimer.cancel();
                stateTimer = table.schedule(now + table.settings().timeWaitNanos(), this::timeWaitExpired);
            }
        }
    }

    @Override
    public void icmpError(Ipv4Packet packet, IcmpError icmp, long now) {
        Bytes quoted = icmp.quote().data();
        long quotedSequence = (long) quoted.getUnsignedShort(4) << 16 | quoted.getUnsignedShort(6);
        Errno errno = IcmpErrors.errno(icmp);
        if (errno == null || IcmpErrors.isFragmentationNeeded(icmp)) {
            return;
        }
        if (TcpSequence.before(quotedSequence, sendUnacknowledged) || TcpSequence.after(quotedSequence, sendNext)) {
            return;
        }
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECV) {
            if (state == TcpState.SYN_RECV && !activeOpen) {
                if (abortsRequest(icmp)) {
                    finish(null, now);
                }
            } else {
                finish(errno, now);
            }
        }
    }

    /**
     * Whether an ICMP error drops a request socket ({@code tcp_v4_err} for {@code TCP_NEW_SYN_RECV}): a parameter
     * problem, time exceeded, and network or host unreachable do; anything else (port unreachable,
     * prohibited, …) leaves the request waiting.
     */
    private static boolean abortsRequest(IcmpError icmp) {
        IcmpType type = icmp.type();
        int code = icmp.code();
        return type.equals(IcmpType.PARAMETER_PROBLEM) || type.equals(IcmpType.TIME_EXCEEDED)
                || type.equals(IcmpType.DESTINATION_UNREACHABLE)
                && (code == IcmpCode.NETWORK_UNREACHABLE || code == IcmpCode.HOST_UNREACHABLE);
    }

    // ---------------------------------------------------------------- sending

    private void queue(Unacked segment, long now) {
        unacked.add(segment);
        sendNext = segment.end();
        send(segment, now);
        if (retransmitTimer == null || retransmitTimer.isCancelled()) {
            retransmitTimer = table.schedule(now + rto, this::retransmissionDue);
        }
    }

    private void sendFin(long now) {
        finSent = true;
        queue(new Unacked(sendNext, TcpFlags.FIN_ACK, Bytes.EMPTY), now);
    }

    private void send(Unacked segment, long now) {
        if (segment.flags().has(TcpFlag.SYN)) {
            boolean synAck = segment.flags().has(TcpFlag.ACK);
            TcpOptions options = synAck
                    ? LinuxTcpOptions.synAck(offer, timestamp(now), timestampRecent)
                    : LinuxTcpOptions.syn(timestamp(now));
            int window = synAck ? LinuxTcpOptions.initialWindow(offer.timestamps()) : LinuxTcpOptions.initialWindow(false);
            TcpSegment tcp = TcpSegment.builder().sourcePort(localPort).destinationPort(remotePort)
                    .sequence(segment.sequence()).acknowledgment(synAck ? receiveNext : 0).flags(segment.flags())
                    .window(window).options(options).build();
            table.emit(table.packet(localAddress, remoteAddress, ttl, true, synAck ? 0 : nextIpIdentifier(), tcp));
            return;
        }
        transmit(segment.sequence(), segment.flags(), segment.data(), now);
    }

    private void transmit(long sequence, TcpFlags flags, Bytes data, long now) {
        TcpOptions options = offer.timestamps() ? LinuxTcpOptions.timestamps(timestamp(now), timestampRecent) : TcpOptions.NONE;
        int shift = offer.windowScale() >= 0 ? LinuxTcpOptions.WINDOW_SCALE : 0;
        int window = flags.has(TcpFlag.RST) && !flags.has(TcpFlag.ACK) ? 0
                : LinuxTcpOptions.scaledWindow(activeOpen ? LinuxTcpOptions.initialWindow(false)
                        : LinuxTcpOptions.initialWindow(offer.timestamps()), shift);
        TcpSegment tcp = TcpSegment.builder().sourcePort(localPort).destinationPort(remotePort).sequence(sequence)
                .acknowledgment(flags.has(TcpFlag.ACK) ? receiveNext : 0).flags(flags).window(window).options(options)
                .payload(data.isEmpty() ? Payload.EMPTY : Payload.of(data)).build();
        if (flags.has(TcpFlag.ACK)) {
            ackOwed = false;
        }
        table.emit(table.packet(localAddress, remoteAddress, ttl, true, nextIpIdentifier(), tcp));
    }

    private void sendAck(long now) {
        transmit(sendNext, TcpFlags.ACK, Bytes.EMPTY, now);
    }

    private long timestamp(long now) {
        return (now / 1_000_000L + timestampOffset) & 0xffff_ffffL;
    }

    private int nextIpIdentifier() {
        int value = ipIdentifier;
        ipIdentifier = (ipIdentifier + 1) & 0xffff;
        return value;
    }

    /**
     * The kernel's {@code tcp_oow_rate_limited} for a request socket answering a retransmitted SYN: at most one
     * SYN-ACK per {@code tcp_invalid_ratelimit} (500 ms); the first retransmission is never limited.
     */
    private boolean outOfWindowRateLimited(long now) {
        if (lastOutOfWindowAck != NEVER && now - lastOutOfWindowAck < INVALID_RATELIMIT) {
            return true;
        }
        lastOutOfWindowAck = now;
        return false;
    }

    private boolean inReceiveWindow(long sequence) {
        int offset = TcpSequence.distance(sequence, receiveNext);
        return offset >= 0 && offset < LinuxTcpOptions.initialWindow(offer.timestamps());
    }

    // ---------------------------------------------------------------- timers

    private void acknowledge(long ack, long now) {
        sendUnacknowledged = ack;
        while (!unacked.isEmpty() && !TcpSequence.after(unacked.peek().end(), ack)) {
            unacked.poll();
        }
        retransmissions = 0;
        if (retransmitTimer != null) {
            retransmitTimer.cancel();
        }
        if (!unacked.isEmpty()) {
            retransmitTimer = table.schedule(now + rto, this::retransmissionDue);
        }
    }

    private void retransmissionDue(long now) {
        if (unacked.isEmpty() || state == TcpState.CLOSED) {
            return;
        }
        int limit = switch (state) {
            case SYN_SENT -> table.settings().synRetries();
            case SYN_RECV -> activeOpen ? table.settings().synRetries() : table.settings().synAckRetries();
            default -> table.settings().dataRetries();
        };
        if (retransmissions >= limit) {
            finish(state == TcpState.SYN_RECV && !activeOpen ? null : Errno.ETIMEDOUT, now);
            return;
        }
        retransmissions++;
        rto = Math.min(rto * 2, MAX_RTO);
        retransmitAll(now);
        retransmitTimer = table.schedule(now + rto, this::retransmissionDue);
    }

    private void retransmitAll(long now) {
        for (Unacked segment : unacked) {
            send(segment, now);
        }
    }

    private void finWait2Expired(long now) {
        if (state == TcpState.FIN_WAIT2) {
            finish(null, now);
        }
    }

    private void timeWaitExpired(long now) {
        if (state == TcpState.TIME_WAIT) {
            state = TcpState.CLOSED;
            table.forget(this);
        }
    }

    // ---------------------------------------------------------------- state changes

    private void establish() {
        state = TcpState.ESTABLISHED;
        everEstablished = true;
    }

    private void notifyConnected(long now) {
        if (handler != null) {
            handler.connected(this, now);
        }
    }

    private void enterTimeWait(long now) {
        state = TcpState.TIME_WAIT;
        cancelTimers();
        stateTimer = table.schedule(now + table.settings().timeWaitNanos(), this::timeWaitExpired);
        notifyClosed(now);
    }

    private void finish(Errno errno, long now) {
        if (state == TcpState.CLOSED) {
            return;
        }
        if (!closedNotified) {
            error = errno;
        }
        state = TcpState.CLOSED;
        ackOwed = false;
        cancelTimers();
        unacked.clear();
        table.forget(this);
        notifyClosed(now);
    }

    /** Tells the application once that the connection is over for it. */
    private void notifyClosed(long now) {
        if (!closedNotified && handler != null) {
            closedNotified = true;
            handler.closed(this, now);
        }
    }

    private void cancelTimers() {
        if (retransmitTimer != null) {
            retransmitTimer.cancel();
        }
        if (stateTimer != null) {
            stateTimer.cancel();
        }
    }
}
