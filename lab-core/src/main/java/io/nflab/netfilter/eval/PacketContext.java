package io.nflab.netfilter.eval;

import io.nflab.address.MacAddress;
import io.nflab.netfilter.match.CtState;
import io.nflab.netfilter.target.CtTarget;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.Ipv4Header;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketMeta;
import io.nflab.packet.PortTransport;
import io.nflab.packet.RawTransport;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.Transport;
import java.util.Objects;
import java.util.Optional;

/**
 * One packet on its way through the hooks, as the rule engine sees it: the packet and the kernel-side
 * facts about it (mark, interfaces, link-layer header, socket, conntrack entry, lab time, trace flag),
 * and what the rules did to it (a rewritten packet, a new mark, a conntrack template request).
 *
 * <p>Mutable on purpose, so that evaluation never allocates: the packet path fills one context per
 * packet (or reuses one), passes it to {@link NetfilterEngine#evaluate} for each table at each hook, and
 * reads the results back. The header fields the matches test are derived once when the packet is set.
 * Like the engine, a context belongs to one thread (one actor).
 */
public final class PacketContext {
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_DCCP = 33;
    private static final int PROTO_SCTP = 132;
    private static final int PROTO_UDPLITE = 136;

    private Ipv4Packet packet;
    // Derived from the packet (see derive()).
    int source;
    int destination;
    int protocol;
    int totalLength;
    int ttl;
    int tos;
    /** The fragment offset in 8-byte units; non-zero for second and further fragments. */
    int fragmentOffset;
    /** Bytes of the transport header area present in this packet (0 in non-first fragments). */
    int transportBytes;
    int sourcePort;
    int destinationPort;
    /** The TCP flags byte (header byte 13) when a whole TCP header is present. */
    int tcpFlags;
    /** The TCP option bytes when a whole TCP header is present, else empty. */
    Bytes tcpOptions = Bytes.EMPTY;
    int icmpType;
    int icmpCode;

    long mark;
    String inputInterface = "";
    String outputInterface = "";
    boolean hasLinkHeader;
    MacAddress linkSource = MacAddress.ZERO;
    MacAddress linkDestination = MacAddress.ZERO;
    LinkType linkType = LinkType.HOST;
    SocketOwner socket;
    ConntrackView conntrack = ConntrackView.NONE;
    long now;
    boolean traced;
    boolean notrack;
    CtTarget conntrackTemplate;
    long priority;

    /** A context for {@code packet} with everything else at its default (see {@link #packet(Ipv4Packet)}). */
    public static PacketContext of(Ipv4Packet packet) {
        return new PacketContext().packet(packet);
    }

    /**
     * Starts over for a new packet: the packet, its mark and interfaces from {@code meta}, traced when the
     * meta carries a trace id, the lab time {@code now} (nanoseconds); no link header, no socket, no
     * conntrack entry ({@link ConntrackView#NONE}), link type {@link LinkType#HOST}, no requests.
     */
    public PacketContext reset(Ipv4Packet newPacket, PacketMeta meta, long labNanos) {
        reset(newPacket);
        mark = meta.mark();
        inputInterface = meta.inputInterface();
        outputInterface = meta.outputInterface();
        traced = meta.traceId() != 0;
        now = labNanos;
        return this;
    }

    /**
     * Starts over for a new packet, as {@link #of} would make it: no mark, interfaces, link header, socket
     * or conntrack entry ({@link ConntrackView#NONE}), link type {@link LinkType#HOST}, time 0, not traced,
     * no requests. The packet path reuses a context this way instead of making one per packet.
     */
    public PacketContext reset(Ipv4Packet newPacket) {
        packet(newPacket);
        mark = 0;
        inputInterface = "";
        outputInterface = "";
        hasLinkHeader = false;
        linkSource = MacAddress.ZERO;
        linkDestination = MacAddress.ZERO;
        linkType = LinkType.HOST;
        socket = null;
        conntrack = ConntrackView.NONE;
        now = 0;
        traced = false;
        notrack = false;
        conntrackTemplate = null;
        priority = 0;
        return this;
    }

    /** Sets the packet (as a hook sees it now) and derives the fields the matches test. */
    public PacketContext packet(Ipv4Packet newPacket) {
        packet = Objects.requireNonNull(newPacket, "packet");
        derive();
        return this;
    }

    public Ipv4Packet packet() {
        requirePacket();
        return packet;
    }

    /** The packet mark ({@code skb->mark}), unsigned 32 bits. */
    public PacketContext mark(long newMark) {
        if (newMark < 0 || newMark > 0xffff_ffffL) {
            throw new IllegalArgumentException("mark " + newMark + " out of range 0-4294967295");
        }
        mark = newMark;
        return this;
    }

    public long mark() {
        return mark;
    }

    /** The input and output interface names; empty where the hook has none (no input in OUTPUT …). */
    public PacketContext interfaces(String input, String output) {
        inputInterface = Objects.requireNonNull(input, "input");
        outputInterface = Objects.requireNonNull(output, "output");
        return this;
    }

    public String inputInterface() {
        return inputInterface;
    }

    public String outputInterface() {
        return outputInterface;
    }

    /** The Ethernet header the packet was received with (for {@code -m mac} and LOG's {@code MAC=}). */
    public PacketContext linkHeader(MacAddress sourceMac, MacAddress destinationMac) {
        linkSource = Objects.requireNonNull(sourceMac, "sourceMac");
        linkDestination = Objects.requireNonNull(destinationMac, "destinationMac");
        hasLinkHeader = true;
        return this;
    }

    /** No link-layer header (locally generated, or received on a device without one). */
    public PacketContext withoutLinkHeader() {
        hasLinkHeader = false;
        linkSource = MacAddress.ZERO;
        linkDestination = MacAddress.ZERO;
        return this;
    }

    public PacketContext linkType(LinkType type) {
        linkType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** The sending socket's owner, for a locally generated packet. */
    public PacketContext socket(SocketOwner owner) {
        socket = Objects.requireNonNull(owner, "owner");
        return this;
    }

    /** No local socket (received, forwarded, or sent by the kernel itself). */
    public PacketContext withoutSocket() {
        socket = null;
        return this;
    }

    /**
     * The packet's connection as the conntrack hook found it. A template a {@code CT} rule attached is used
     * up by then: as {@code nf_conntrack_in} replaces the template in {@code skb->_nfct}, later matches see
     * the connection's own state, not NEW.
     */
    public PacketContext conntrack(ConntrackView view) {
        conntrack = Objects.requireNonNull(view, "view");
        conntrackTemplate = null;
        return this;
    }

    /** The lab time, in nanoseconds, at which the packet passes ({@code -m limit}, {@code -m recent}). */
    public PacketContext now(long labNanos) {
        now = labNanos;
        return this;
    }

    public long now() {
        return now;
    }

    /** Whether the packet is traced (the kernel's {@code nf_trace}); the TRACE target sets it. */
    public PacketContext traced(boolean value) {
        traced = value;
        return this;
    }

    public boolean traced() {
        return traced;
    }

    /** Whether {@code NOTRACK} or {@code CT --notrack} asked conntrack to leave the packet untracked. */
    public boolean notrackRequested() {
        return notrack;
    }

    /** The template a {@code CT --helper/--zone} rule attached for conntrack to use for a new connection. */
    public Optional<CtTarget> conntrackTemplate() {
        return Optional.ofNullable(conntrackTemplate);
    }

    /** The packet's priority ({@code skb->priority}, the tc class), as CLASSIFY set it. */
    public PacketContext priority(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("priority " + value + " out of range 0-4294967295");
        }
        priority = value;
        return this;
    }

    public long priority() {
        return priority;
    }

    /** {@code meta} with this context's mark (what MARK and CONNMARK --restore-mark left). */
    public PacketMeta applyTo(PacketMeta meta) {
        return meta.mark() == mark ? meta : meta.withMark(mark);
    }

    /** The state the state and conntrack matches see, after any NOTRACK/CT of the raw table. */
    CtState effectiveState() {
        if (notrack) {
            return CtState.UNTRACKED;
        }
        if (conntrackTemplate != null) {
            return CtState.NEW;
        }
        return conntrack.state();
    }

    /** Whether the packet has a conntrack entry the matches can read (not none, not untracked). */
    boolean hasConntrackEntry() {
        if (notrack || conntrackTemplate != null) {
            return false;
        }
        CtState state = conntrack.state();
        return state != CtState.INVALID && state != CtState.UNTRACKED;
    }

    /** Whether the kernel's {@code skb->_nfct} is set: an entry, untracked, or a template. */
    boolean hasConntrackAttached() {
        return notrack || conntrackTemplate != null || conntrack.state() != CtState.INVALID;
    }

    boolean isNonFirstFragment() {
        return fragmentOffset != 0;
    }

    /** Whether a whole TCP header is present (a TCP packet, not a later fragment, at least 20 bytes). */
    boolean hasTcpHeader() {
        return protocol == PROTO_TCP && transportBytes >= TcpSegment.MIN_HEADER_LENGTH;
    }

    /** Whether a whole 8-byte UDP header is present. */
    boolean hasUdpHeader() {
        return protocol == PROTO_UDP && transportBytes >= 8;
    }

    /** Whether a whole 8-byte ICMP header is present. */
    boolean hasIcmpHeader() {
        return protocol == PROTO_ICMP && transportBytes >= IcmpMessage.HEADER_LENGTH;
    }

    /** Whether the first four transport bytes (two ports) are present: what multiport and the index read. */
    boolean hasPorts() {
        return transportBytes >= 4 && hasPortProtocol(protocol);
    }

    static boolean hasPortProtocol(int protocol) {
        return protocol == PROTO_TCP || protocol == PROTO_UDP || protocol == PROTO_UDPLITE
                || protocol == PROTO_SCTP || protocol == PROTO_DCCP;
    }

    private void requirePacket() {
        if (packet == null) {
            throw new IllegalStateException("no packet set in this context");
        }
    }

    private void derive() {
        Ipv4Header header = packet.header();
        source = header.source().bits();
        destination = header.destination().bits();
        protocol = header.protocol().number();
        totalLength = header.totalLength();
        ttl = header.ttl();
        tos = header.tos();
        fragmentOffset = header.fragmentOffset();
        sourcePort = 0;
        destinationPort = 0;
        tcpFlags = 0;
        tcpOptions = Bytes.EMPTY;
        icmpType = 0;
        icmpCode = 0;
        Transport transport = packet.transport();
        if (fragmentOffset != 0) {
            transportBytes = 0;
        } else if (transport instanceof RawTransport raw) {
            deriveFromBytes(raw.payload().bytes());
        } else {
            transportBytes = transport.length();
            if (transport instanceof PortTransport ports) {
                sourcePort = ports.sourcePort();
                destinationPort = ports.destinationPort();
            }
            if (transport instanceof TcpSegment tcp) {
                tcpFlags = tcp.flags().bits();
                tcpOptions = tcp.options().bytes();
            } else if (transport instanceof IcmpMessage icmp) {
                icmpType = icmp.type().number();
                icmpCode = icmp.code();
            }
        }
    }

    /** A first fragment, or a protocol nflab does not parse: read the header fields from the bytes. */
    private void deriveFromBytes(Bytes bytes) {
        transportBytes = bytes.length();
        if (hasPortProtocol(protocol) && bytes.length() >= 4) {
            sourcePort = bytes.getUnsignedShort(0);
            destinationPort = bytes.getUnsignedShort(2);
        }
        if (protocol == PROTO_TCP && bytes.length() >= TcpSegment.MIN_HEADER_LENGTH) {
            tcpFlags = bytes.get(13);
            int headerLength = Math.min(bytes.length(), (bytes.get(12) >>> 4) * 4);
            tcpOptions = headerLength > TcpSegment.MIN_HEADER_LENGTH
                    ? bytes.slice(TcpSegment.MIN_HEADER_LENGTH, headerLength) : Bytes.EMPTY;
        } else if (protocol == PROTO_ICMP && bytes.length() >= 2) {
            icmpType = bytes.get(0);
            icmpCode = bytes.get(1);
        }
    }
}
