package io.nflab.stack;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.app.ServiceContext;
import io.nflab.app.Services;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.TcpState;
import io.nflab.conntrack.helper.HelperVerdict;
import io.nflab.conntrack.helper.Helpers;
import io.nflab.nat.Nat;
import io.nflab.nat.NatHookContext;
import io.nflab.nat.NatInterfaces;
import io.nflab.nat.NatOutcome;
import io.nflab.nat.NatVerdict;
import io.nflab.kernel.LabMacs;
import io.nflab.kernel.NodeInterface;
import io.nflab.link.AddressType;
import io.nflab.link.NeighbourAction;
import io.nflab.link.NetDevice;
import io.nflab.link.Scope;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.AddrtypeMatch;
import io.nflab.netfilter.eval.ConntrackView;
import io.nflab.netfilter.eval.Decision;
import io.nflab.netfilter.eval.EngineEnvironment;
import io.nflab.netfilter.eval.LinkType;
import io.nflab.netfilter.eval.NetfilterEngine;
import io.nflab.netfilter.eval.PacketContext;
import io.nflab.netfilter.eval.Place;
import io.nflab.netfilter.eval.RejectReplies;
import io.nflab.netfilter.eval.TrackedConnection;
import io.nflab.netfilter.target.RejectTarget;
import io.nflab.packet.ArpPacket;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.UdpDatagram;
import io.nflab.routing.InputRoute;
import io.nflab.routing.IpNamespace;
import io.nflab.routing.OutputRoute;
import io.nflab.routing.RouteFlow;
import io.nflab.socket.Delivery;
import io.nflab.socket.Route;
import io.nflab.socket.SocketSettings;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpReset;
import io.nflab.socket.Transmission;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import io.nflab.topology.RulesetLoader;
import io.nflab.topology.ServiceSpec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;

/**
 * The network stack of one lab node (one network namespace): devices, addresses, neighbours and routes
 * ({@link IpNamespace}), the netfilter ruleset and its evaluator, the conntrack table, NAT and the local
 * sockets with the node's services. Packets run through it in the kernel's order (docs/packet-path.md):
 * {@link #receive} for a frame arriving on an interface, {@link #send} for a locally generated packet,
 * {@link #tick} for timers. Each returns a {@link StackOutput}: the frames to put on the wire, the packets'
 * fates, TRACE entries and kernel log lines. {@link #command} is the node's console.
 *
 * <p>Time is the lab clock in nanoseconds, passed in; calls must not go back in time. Not thread-safe:
 * one owner (an actor) per stack.
 */
public final class NetStack {

    private final String node;
    private final IpNamespace<Queued> ip;
    private final Netfilter netfilter;
    private final NetfilterEngine engine;
    private final ConntrackTable conntrack;
    private final SocketTable sockets;
    private final Nat nat;
    private final ConntrackUse conntrackUse;
    private final Helpers helpers;
    private final StackSysctls sysctls;
    private final KernelLog dmesg = new KernelLog();
    private final LogRelay log = new LogRelay();
    /** {@link NatHookContext#incoming} of each input device by name, made once: the nat hooks' context of every received packet. */
    private final java.util.HashMap<String, NatHookContext> incomingNat = new java.util.HashMap<>();
    /** The last {@link NatHookContext#outgoing} of each output device: reused while the next hop stays the same. */
    private final java.util.HashMap<String, NatHookContext> outgoingNat = new java.util.HashMap<>();
    /** What the call in progress emits (null between calls); one {@link Emission}, reused by every call. */
    private Emission out;
    private final Emission emission;
    /** The working objects of the packets in the hooks, by nesting level (see {@link Scratch}); {@code depth} in use. */
    private final java.util.ArrayList<Scratch> levels = new java.util.ArrayList<>();
    private int depth;
    private long now;
    private long socketDeadline = Transmission.NO_DEADLINE;
    /** The stack is sending an ICMP message of its own: the kernel's per-CPU ICMP socket is locked (see {@link #icmpOutput}). */
    private boolean icmpXmitLocked;
    private PacketWatcher watcher = PacketWatcher.NONE;
    private final java.util.function.Consumer<Fate> fateWatch = fate -> this.watcher.fate(this.current, fate);
    /** {@link #onNeighbour}, made once (a method reference made per packet is an allocation per packet). */
    private final java.util.function.Consumer<NeighbourAction<Queued>> neighbourActions = this::onNeighbour;
    /** The id of the packet being handled (0 when none): the cause of what the stack creates meanwhile. */
    private long current;

    /**
     * A packet waiting for its neighbour to answer ARP; {@code forwarded} tells the fate it gets when it leaves,
     * {@code ct} is its connection (the host unreachable sent when ARP fails is RELATED to it; may be null),
     * {@code id} is its packet id ({@link PacketWatcher}).
     */
    record Queued(Ipv4Packet packet, boolean forwarded, ConntrackResult ct, long id) {
    }

    private NetStack(String node, Netfilter netfilter, long seed) {
        this.node = Objects.requireNonNull(node, "node");
        this.ip = IpNamespace.create();
        this.netfilter = netfilter;
        this.conntrack = new ConntrackTable();
        this.engine = new NetfilterEngine(netfilter, EngineEnvironment.standalone().withLog(log)
                .withAddressTypes((address, device) -> addressType(address, device))
                .withConnections(this::isOpen));
        this.conntrackUse = new ConntrackUse(netfilter);
        this.nat = new Nat(conntrack, new Interfaces());
        this.helpers = new Helpers(conntrack, nat);
        this.sockets = new SocketTable(new SocketSettings(seed, 32768, 60999, 64, 6, 5, 15, 60 * SocketSettings.SECOND,
                60 * SocketSettings.SECOND), this::socketRoute);
        this.sysctls = new StackSysctls(ip, conntrack,
                automatic -> helpers.setAutomaticAssignment(automatic), sockets);
        this.emission = new Emission(dmesg, fateWatch);
    }

    /**
     * The stack a topology node describes: {@code lo} and its interfaces up (with their MAC, or the lab's
     * MAC scheme), addresses, routes, sysctls (a gateway forwards), the ruleset, and
     * its services listening on all addresses.
     *
     * @throws io.nflab.diagnostics.UserInputException when the ruleset or a sysctl is refused
     */
    public static NetStack boot(Topology topology, String node) {
        NodeSpec spec = topology.node(node).orElseThrow(() -> new IllegalArgumentException("no node " + node));
        return boot(spec, LabMacs.of(topology), ServiceContext.of(spec.name()));
    }

    /**
     * {@link #boot(Topology, String)} with the records and files the node's services serve, and the MAC of
     * every interface of the lab: {@link LabMacs#of(Topology)}, the scheme a kernel lab uses too, so
     * emulated and real frames compare byte for byte. A runtime booting every node computes it once.
     */
    public static NetStack boot(NodeSpec spec, Map<NodeInterface, MacAddress> macs, ServiceContext services) {
        Netfilter rules = spec.ruleset().map(RulesetLoader::load).orElseGet(Netfilter::empty);
        NetStack stack = new NetStack(spec.name(), rules, spec.name().hashCode());
        for (InterfaceSpec iface : spec.interfaces()) {
            MacAddress mac = macs.get(new NodeInterface(spec.name(), iface.name()));
            NetDevice device = stack.ip.addEthernet(iface.name(), mac, Optional.empty());
            stack.ip.addAddress(device.index(), iface.address());
            if (iface.up()) {
                stack.ip.setLinkUp(device.index(), true, 0, action -> { });
            }
        }
        spec.routes().forEach(stack.ip::addRoute);
        spec.ipRules().forEach(rule -> stack.ip.addRule(rule.rule(stack.ip.defaultRulePriority())));
        spec.effectiveSysctls().forEach(stack.sysctls::set);
        for (ServiceSpec service : spec.services()) {
            Services.start(stack.sockets, service, services);
        }
        return stack;
    }

    public String node() {
        return node;
    }

    /** The namespace's devices, addresses, neighbours, routes and routing sysctls. */
    public IpNamespace<?> ip() {
        return ip;
    }

    /** The ruleset; changes made to it are seen by the next packet. */
    public Netfilter netfilter() {
        return netfilter;
    }

    public ConntrackTable conntrack() {
        return conntrack;
    }

    /** The local sockets: programs (clients) open theirs here; {@link #tick} sends what they queued. */
    public SocketTable sockets() {
        return sockets;
    }

    /**
     * From now on {@code watcher} gives the packets this stack creates their ids and hears their hops and
     * fates ({@link PacketWatcher#NONE} to stop).
     */
    public void watch(PacketWatcher newWatcher) {
        watcher = Objects.requireNonNull(newWatcher, "watcher");
    }

    /** Every kernel log line so far ({@code dmesg}). */
    public List<String> kernelLog() {
        return dmesg.lines();
    }

    /** {@code dmesg}: the kernel log with its time stamps. */
    String dmesg() {
        return dmesg.dmesg();
    }

    /** Runs a console command ({@code iptables}, {@code iptables-save}, {@code iptables-restore}, {@code conntrack}, {@code ip}, {@code sysctl}, {@code dmesg}). */
    public ConsoleResult command(List<String> argv, String stdin, long labNanos) {
        return new StackConsole(this, ip, sysctls).execute(argv, stdin, labNanos);
    }

    /** After a console change of links or addresses: the masquerade notifiers tell NAT what went away. */
    void linksChanged(MasqueradeNotifier.Snapshot before, long labNanos) {
        MasqueradeNotifier.apply(before, ip.links(), nat, labNanos);
    }

    // ------------------------------------------------------------------------------------- entry points

    /** A frame arrived on interface {@code iface}. */
    public StackOutput receive(String iface, EthernetFrame frame, long labNanos) {
        return receive(iface, frame, labNanos, false);
    }

    /** A frame arrived on interface {@code iface}; with {@code trace}, the rule-by-rule walk is recorded. */
    public StackOutput receive(String iface, EthernetFrame frame, long labNanos, boolean trace) {
        return receive(iface, frame, 0, labNanos, trace);
    }

    /** A frame arrived on {@code iface} carrying packet {@code packetId} (0 for ARP), as its sender's {@link OutFrame} said. */
    public StackOutput receive(String iface, EthernetFrame frame, long packetId, long labNanos, boolean trace) {
        begin(labNanos);
        received(iface, frame, packetId, trace);
        return finish();
    }

    /**
     * As {@link #receive(String, EthernetFrame, long, long, boolean)} untraced, but the frames sent go to
     * {@code frames} as they are sent, fates only to the {@link PacketWatcher}, log lines only to {@code dmesg}:
     * the lab runtime's way, which lists nothing.
     */
    public void receive(String iface, EthernetFrame frame, long packetId, long labNanos, FrameSink frames) {
        begin(labNanos, frames);
        received(iface, frame, packetId, false);
        finish();
    }

    private void received(String iface, EthernetFrame frame, long packetId, boolean trace) {
        current = packetId;
        Optional<NetDevice> named = ip.links().byName(iface);
        if (named.isEmpty()) {
            throw new IllegalArgumentException(node + " has no interface " + iface);
        }
        NetDevice device = named.get();
        if (device.adminUp()) {
            if (frame.payload() instanceof ArpPacket arp) {
                ip.neighbours().receiveArp(device.index(), arp, frame.destination().equals(device.mac()), now,
                        neighbourActions);
            } else if (frame.payload() instanceof Ipv4Packet packet) {
                receiveIpv4(device, frame, packet, trace);
            }
        }
    }

    /**
     * A locally generated packet, exactly as given (the scenario's {@code send}): routing, OUTPUT, POSTROUTING,
     * neighbour resolution, out.
     */
    public StackOutput send(Ipv4Packet packet, long labNanos) {
        return send(packet, labNanos, false);
    }

    public StackOutput send(Ipv4Packet packet, long labNanos, boolean trace) {
        begin(labNanos);
        sent(packet, trace);
        return finish();
    }

    /** As {@link #send(Ipv4Packet, long)}, the frames going to {@code frames} (see {@link #receive(String, EthernetFrame, long, long, FrameSink)}). */
    public void send(Ipv4Packet packet, long labNanos, FrameSink frames) {
        begin(labNanos, frames);
        sent(packet, false);
        finish();
    }

    private void sent(Ipv4Packet packet, boolean trace) {
        output(packet, Optional.empty(), trace);
        flushSockets();
    }

    /** Timers due by {@code labNanos}: ARP retransmissions and failures, conntrack expiry, socket timers. */
    public StackOutput tick(long labNanos) {
        begin(labNanos);
        ticked();
        return finish();
    }

    /** As {@link #tick(long)}, the frames going to {@code frames} (see {@link #receive(String, EthernetFrame, long, long, FrameSink)}). */
    public void tick(long labNanos, FrameSink frames) {
        begin(labNanos, frames);
        ticked();
        finish();
    }

    private void ticked() {
        ip.neighbours().tick(now, neighbourActions);
        conntrack.advanceTo(now);
        flushSockets();
    }

    /** The lab time of the next timer ({@link Long#MAX_VALUE} when none runs). */
    public long nextDeadline() {
        return Math.min(ip.neighbours().nextDeadlineNanos(), socketDeadline);
    }

    private void begin(long labNanos) {
        moveTo(labNanos);
        out = emission.start(now);
        log.target(out);
    }

    private void begin(long labNanos, FrameSink frames) {
        moveTo(labNanos);
        out = emission.start(now, Objects.requireNonNull(frames, "frames"));
        log.target(out);
    }

    private void moveTo(long labNanos) {
        if (labNanos < now) {
            throw new IllegalArgumentException("time went back: " + labNanos + " < " + now);
        }
        now = labNanos;
    }

    private StackOutput finish() {
        current = 0;
        StackOutput result = out.output();
        log.target(null);
        out = null;
        return result;
    }

    // ------------------------------------------------------------------------------------- received path

    private void receiveIpv4(NetDevice device, EthernetFrame frame, Ipv4Packet packet, boolean trace) {
        boolean broadcast = frame.destination().equals(MacAddress.BROADCAST);
        if (!broadcast && !frame.destination().equals(device.mac())) {
            out.fate(Fate.Dropped.because(node, "other host", packet));
            return;
        }
        PacketContext ctx = enter(packet).interfaces(device.name(), "").now(now).traced(trace)
                .linkHeader(frame.source(), frame.destination())
                .linkType(broadcast ? LinkType.BROADCAST : LinkType.HOST);
        try {
            prerouting(device, ctx, null);
        } finally {
            leave();
        }
    }

    /**
     * PREROUTING raw → conntrack → mangle → nat (DNAT) → routing decision. A packet looped back over lo
     * keeps the conntrack result it got on the way out ({@code looped}), as the kernel keeps
     * {@code skb->_nfct}: it is not tracked twice; and its output route, so it is delivered locally.
     */
    private void prerouting(NetDevice device, PacketContext ctx, ConntrackResult looped) {
        if (!table(TableKind.RAW, Hook.PREROUTING, ctx, looped)) {
            return;
        }
        ConntrackResult ct;
        if (looped != null) {
            ct = looped;
            ctx.conntrack(scratchOf(ctx).view.reuseFor(looped, now));
        } else {
            ct = track(ctx);
        }
        if (ct == null || !table(TableKind.MANGLE, Hook.PREROUTING, ctx, ct) || !natHook(Hook.PREROUTING, ctx, ct,
                incoming(device))) {
            return;
        }
        Ipv4Packet packet = ctx.packet();
        if (looped != null) {
            // the kernel keeps the output route of a looped packet (skb_dst): no input lookup, local delivery
            localIn(device, ctx, ct);
            return;
        }
        InputRoute route = ip.routeInput(packet.destination(), packet.source(), device.index(),
                flow(packet, ctx.mark()));
        if (watcher.wantsHops()) {
            hop(ctx, "routing", "", "", 0, HopTexts.inputRoute(route, route instanceof InputRoute.Forward forward
                    ? ip.links().device(forward.out().ifindex()).name() : ""));
        }
        if (route instanceof InputRoute.Local || route instanceof InputRoute.Broadcast) {
            localIn(device, ctx, ct);
        } else if (route instanceof InputRoute.Forward forward) {
            forward(device, ctx, ct, forward.out());
        } else if (route instanceof InputRoute.Unreachable unreachable) {
            out.fate(Fate.Dropped.because(node, "no route (" + unreachable.error() + ")", packet));
            if (unreachable.sendsIcmp()) {
                icmpError(packet, IcmpType.DESTINATION_UNREACHABLE, unreachable.icmpCode(), ct);
            }
        } else if (route instanceof InputRoute.Martian martian) {
            out.fate(Fate.Dropped.because(node, martian.reason() == InputRoute.Reason.REVERSE_PATH ? "rp_filter"
                    : "martian " + martian.reason().name().toLowerCase(Locale.ROOT), packet));
        } else {
            out.fate(Fate.Dropped.because(node, "multicast", packet));
        }
    }

    /** INPUT mangle → filter → security → nat (SNAT) → conntrack confirm → local socket. */
    private void localIn(NetDevice device, PacketContext ctx, ConntrackResult ct) {
        if (!table(TableKind.MANGLE, Hook.INPUT, ctx, ct) || !table(TableKind.FILTER, Hook.INPUT, ctx, ct)
                || !table(TableKind.SECURITY, Hook.INPUT, ctx, ct) || !natHook(Hook.INPUT, ctx, ct, incoming(device)) || !confirm(ctx, ct)) {
            return;
        }
        Ipv4Packet packet = ctx.packet();
        out.fate(new Fate.Delivered(node, device.name(), packet));
        Delivery delivery = sockets.deliver(packet, now);
        if (!delivery.matched()) {
            answerUnclaimed(packet, ct);
        }
        flushSockets();
    }

    /** What the kernel answers itself: echo replies, RST for TCP and port unreachable for UDP without a socket. */
    private void answerUnclaimed(Ipv4Packet packet, ConntrackResult ct) {
        Optional<ConntrackResult> answer = Optional.empty();
        if (packet.transport() instanceof IcmpQuery query && query.type().equals(IcmpType.ECHO_REQUEST)) {
            if (!sysctls.flag("net.ipv4.icmp_echo_ignore_all")) {
                icmpOutput(Ipv4Packet.builder().source(packet.destination()).destination(packet.source())
                        .ttl(defaultTtl()).tos(packet.tos()).transport(IcmpQuery.echoReply(query.identifier(),
                                query.sequence(), query.payload())).build(), answer);
            }
        } else if (packet.transport() instanceof TcpSegment tcp) {
            if (!tcp.flags().has(TcpFlag.RST)) {
                TcpReset.replyTo(packet, defaultTtl()).ifPresent(reset -> output(reset, answer, false));
            }
        } else if (packet.transport() instanceof UdpDatagram) {
            if (ip.addressType(packet.destination()) == AddressType.LOCAL) {
                icmpError(packet, IcmpType.DESTINATION_UNREACHABLE, IcmpCode.PORT_UNREACHABLE, ct);
            }
        } else if (!(packet.transport() instanceof io.nflab.packet.IcmpMessage)) {
            icmpError(packet, IcmpType.DESTINATION_UNREACHABLE, IcmpCode.PROTOCOL_UNREACHABLE, ct);
        }
    }

    /** ip_forward: TTL check and decrement, FORWARD mangle → filter → security, then POSTROUTING. */
    private void forward(NetDevice in, PacketContext ctx, ConntrackResult ct, OutputRoute.Resolved route) {
        Ipv4Packet packet = ctx.packet();
        if (packet.ttl() <= 1) {
            out.fate(Fate.Dropped.because(node, "ttl exceeded", packet));
            icmpError(packet, IcmpType.TIME_EXCEEDED, 0, ct);
            return;
        }
        ctx.packet(packet.withTtl(packet.ttl() - 1));
        NetDevice outDevice = ip.links().device(route.ifindex());
        ctx.interfaces(in.name(), outDevice.name());
        if (!table(TableKind.MANGLE, Hook.FORWARD, ctx, ct) || !table(TableKind.FILTER, Hook.FORWARD, ctx, ct)
                || !table(TableKind.SECURITY, Hook.FORWARD, ctx, ct)) {
            return;
        }
        postrouting(ctx, ct, route, true);
    }

    // ------------------------------------------------------------------------------------- local output

    /**
     * OUTPUT raw → conntrack ({@code preset}: the connection a REJECT reply is attached to) → mangle → nat
     * (DNAT) → filter → security → reroute if the destination changed → POSTROUTING.
     */
    private void output(Ipv4Packet packet, Optional<ConntrackResult> preset, boolean trace) {
        long cause = current;
        current = watcher.created(packet, cause);
        try {
            routeAndOutput(packet, preset, trace);
        } finally {
            current = cause;
        }
    }

    private void routeAndOutput(Ipv4Packet packet, Optional<ConntrackResult> preset, boolean trace) {
        Ipv4Address source = ip.links().isLocalAddress(packet.source()) ? packet.source() : Ipv4Address.ANY;
        OutputRoute route = ip.routeOutput(packet.destination(), source, 0, flow(packet, 0));
        if (!(route instanceof OutputRoute.Resolved resolved)) {
            out.fate(Fate.Dropped.because(node, "no route (" + ((OutputRoute.Failed) route).error() + ")", packet));
            return;
        }
        PacketContext ctx = enter(packet).interfaces("", ip.links().device(resolved.ifindex()).name())
                .now(now).traced(trace);
        try {
            localOut(ctx, preset, source, resolved);
        } finally {
            leave();
        }
    }

    private void localOut(PacketContext ctx, Optional<ConntrackResult> preset, Ipv4Address source,
                          OutputRoute.Resolved route) {
        Ipv4Packet packet = ctx.packet();
        OutputRoute.Resolved resolved = route;
        if (watcher.wantsHops()) {
            hop(ctx, "routing", "", "", 0, HopTexts.route("output", ctx.outputInterface(), resolved));
        }
        ConntrackResult ct;
        if (preset.isPresent()) {
            // a REJECT's answer carries the connection it answers (nf_ct_attach): the raw table still sees it
            // (its NOTRACK/CT leave an attached connection alone), and conntrack then keeps what is attached
            ct = preset.get();
            ctx.conntrack(scratchOf(ctx).view.reuseFor(ct, now));
            if (!table(TableKind.RAW, Hook.OUTPUT, ctx, ct)) {
                return;
            }
        } else {
            if (!table(TableKind.RAW, Hook.OUTPUT, ctx, null)) {
                return;
            }
            ct = track(ctx);
            if (ct == null) {
                return;
            }
        }
        if (!table(TableKind.MANGLE, Hook.OUTPUT, ctx, ct) || !natHook(Hook.OUTPUT, ctx, ct, NatHookContext.local())
                || !table(TableKind.FILTER, Hook.OUTPUT, ctx, ct) || !table(TableKind.SECURITY, Hook.OUTPUT, ctx, ct)) {
            return;
        }
        // ip_route_me_harder: mangle OUTPUT rerouted a packet whose mark changed, nat OUTPUT one it DNATed
        boolean redirected = !ctx.packet().destination().equals(packet.destination());
        if (redirected || ctx.mark() != 0) {
            OutputRoute rerouted = ip.routeOutput(ctx.packet().destination(), source, 0,
                    flow(ctx.packet(), ctx.mark()));
            if (!(rerouted instanceof OutputRoute.Resolved again)) {
                out.fate(Fate.Dropped.because(node, redirected ? "no route after DNAT" : "no route after MARK",
                        ctx.packet()));
                return;
            }
            resolved = again;
            ctx.interfaces("", ip.links().device(resolved.ifindex()).name());
        }
        postrouting(ctx, ct, resolved, false);
    }

    /**
     * What policy rules may select on besides addresses: the mark, TOS, protocol and ports. With Linux's default
     * rules lookups ignore it, and nothing is allocated.
     */
    private RouteFlow flow(Ipv4Packet packet, long mark) {
        return ip.hasCustomRules() ? RouteFlow.of(packet, mark) : RouteFlow.NONE;
    }

    /** POSTROUTING mangle → nat (SNAT) → conntrack confirm → out of the device (or back in over lo). */
    private void postrouting(PacketContext ctx, ConntrackResult ct, OutputRoute.Resolved route, boolean forwarded) {
        NetDevice device = ip.links().device(route.ifindex());
        if (!table(TableKind.MANGLE, Hook.POSTROUTING, ctx, ct) || !natHook(Hook.POSTROUTING, ctx, ct,
                outgoing(device, route.nextHop(ctx.packet().destination()))) || !confirm(ctx, ct)) {
            return;
        }
        Ipv4Packet packet = ctx.packet();
        if (device.isLoopback()) {
            out.fate(new Fate.Sent(node, device.name(), packet, forwarded));
            PacketContext looped = enter(packet).interfaces(device.name(), "").now(now)
                    .traced(ctx.traced()).linkType(LinkType.LOOPBACK);
            boolean locked = icmpXmitLocked;
            icmpXmitLocked = false; // the kernel receives it later, from the backlog, with the ICMP socket free
            try {
                prerouting(device, looped, ct);
            } finally {
                icmpXmitLocked = locked;
                leave();
            }
            return;
        }
        MacAddress mac = MacAddress.BROADCAST;
        if (route.type() != io.nflab.routing.RouteType.BROADCAST) {
            Ipv4Address nextHop = route.nextHop(packet.destination());
            mac = ip.neighbours().resolveKnown(device.index(), nextHop, now);
            if (mac == null) { // the packet waits for the neighbour: only now is its queue entry made
                mac = ip.neighbours().resolve(device.index(), nextHop, packet.source(),
                        new Queued(packet, forwarded, ct, current), now, neighbourActions);
            }
        }
        if (mac != null) {
            transmit(device, mac, packet, forwarded);
        }
    }

    private void transmit(NetDevice device, MacAddress destination, Ipv4Packet packet, boolean forwarded) {
        out.frame(device.name(), new EthernetFrame(destination, device.mac(), packet), current);
        out.fate(new Fate.Sent(node, device.name(), packet, forwarded));
    }

    private void onNeighbour(NeighbourAction<Queued> action) {
        long handling = current;
        current = action instanceof NeighbourAction.SendArp<Queued> ? handling : queuedId(action);
        try {
            neighbourAction(action);
        } finally {
            current = handling;
        }
    }

    private static long queuedId(NeighbourAction<Queued> action) {
        if (action instanceof NeighbourAction.Transmit<Queued> transmit) {
            return transmit.packet().id();
        } else if (action instanceof NeighbourAction.Unreachable<Queued> unreachable) {
            return unreachable.packet().id();
        } else if (action instanceof NeighbourAction.Dropped<Queued> dropped) {
            return dropped.packet().id();
        }
        return 0;
    }

    private void neighbourAction(NeighbourAction<Queued> action) {
        if (action instanceof NeighbourAction.SendArp<Queued> arp) {
            out.frame(ip.links().device(arp.ifindex()).name(), arp.frame(), 0);
        } else if (action instanceof NeighbourAction.Transmit<Queued> transmit) {
            transmit(ip.links().device(transmit.ifindex()), transmit.destination(), transmit.packet().packet(),
                    transmit.packet().forwarded());
        } else if (action instanceof NeighbourAction.Unreachable<Queued> unreachable) {
            Ipv4Packet packet = unreachable.packet().packet();
            out.fate(Fate.Dropped.because(node, "neighbour " + unreachable.neighbour() + " unreachable", packet));
            icmpError(packet, IcmpType.DESTINATION_UNREACHABLE, IcmpCode.HOST_UNREACHABLE, unreachable.packet().ct());
        } else if (action instanceof NeighbourAction.Dropped<Queued> dropped) {
            out.fate(Fate.Dropped.because(node, "neighbour queue: " + dropped.reason().name().toLowerCase(Locale.ROOT),
                    dropped.packet().packet()));
        }
    }

    private void flushSockets() {
        Transmission transmission = sockets.poll(now);
        socketDeadline = transmission.nextDeadline();
        List<Ipv4Packet> packets = transmission.packets();
        for (int i = 0; i < packets.size(); i++) {
            output(packets.get(i), Optional.empty(), false);
        }
    }

    // ------------------------------------------------------------------------------------- hooks

    /** Runs one table at one hook; false when the packet went no further (dropped or rejected). */
    private boolean table(TableKind table, Hook hook, PacketContext ctx, ConntrackResult ct) {
        Decision decision = engine.evaluate(table, hook, ctx);
        if (watcher.wantsHops() && decision.kind() != Decision.Kind.NOT_HOOKED) {
            hop(ctx, hook.name(), decision);
        }
        switch (decision.kind()) {
            case DROP -> {
                out.fate(Fate.Dropped.at(node, decision.place(), ctx.packet()));
                return false;
            }
            case REJECT -> {
                reject(ctx, decision, ct);
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private void reject(PacketContext ctx, Decision decision, ConntrackResult ct) {
        Ipv4Packet packet = ctx.packet();
        RejectTarget target = (RejectTarget) decision.target();
        Optional<Ipv4Packet> reply = icmpXmitLocked ? Optional.empty() : RejectReplies.build(packet, target.with(),
                new RejectReplies.ReplyHeader(icmpSource(packet), defaultTtl(), 0));
        out.fate(new Fate.Rejected(node, decision.place(), packet, reply));
        if (reply.isPresent() && target.with() == RejectTarget.RejectWith.TCP_RESET && ct != null && ct.tracked()) {
            conntrack.setClosing(ct.entry(), now); // nf_send_reset's nf_ct_set_closing
        }
        Optional<ConntrackResult> answer = ct == null ? Optional.empty() : ct.answer();
        reply.ifPresent(r -> output(r, answer, ctx.traced()));
    }

    /**
     * The conntrack hook (priority -200): NOTRACK honoured; nothing tracked while no rule needs conntrack
     * ({@link ConntrackUse}); null when conntrack dropped the packet.
     */
    private ConntrackResult track(PacketContext ctx) {
        if (!conntrackUse.needed()) {
            return ConntrackResult.UNTRACKED;
        }
        if (ctx.notrackRequested()) {
            ctx.conntrack(ConntrackView.UNTRACKED);
            return ConntrackResult.UNTRACKED;
        }
        int zone = ctx.conntrackTemplate().map(t -> t.zone()).orElse(0);
        ConntrackResult result = conntrack.track(ConntrackAdapter.of(ctx.packet(), zone), now);
        if (result.dropped()) {
            out.fate(Fate.Dropped.because(node, "conntrack: " + result.reason(), ctx.packet()));
            return null;
        }
        String helper = ctx.conntrackTemplate().map(t -> t.helper()).orElse("");
        if (!helper.isEmpty() && result.tracked() && !result.entry().isConfirmed()) {
            helpers.assign(result.entry(), helper);
        }
        ctx.conntrack(scratchOf(ctx).view.reuseFor(result, now));
        if (watcher.wantsHops()) {
            hop(ctx, "conntrack", "", "", 0, HopTexts.conntrack(result));
        }
        return result;
    }

    /**
     * The nat hook ({@code -100} at PREROUTING/OUTPUT, {@code +100} at INPUT/POSTROUTING): the nat table is
     * consulted (by {@link Nat}) only for a connection's first packet; every packet is rewritten as the
     * connection's bindings say.
     */
    private boolean natHook(Hook hook, PacketContext ctx, ConntrackResult ct, NatHookContext where) {
        if (ct == null || !ct.tracked()) {
            return true; // NAT passes untracked and invalid packets unchanged
        }
        NatAsk ask = scratchOf(ctx).natAsk.at(hook, ctx);
        Ipv4Packet before = ctx.packet();
        NatOutcome outcome = nat.process(hook, ctx.packet(), ct, where, ask, now);
        if (outcome.dropped()) {
            out.fate(ask.asked != null && ask.asked.kind() == Decision.Kind.DROP
                    ? Fate.Dropped.at(node, ask.asked.place(), ctx.packet())
                    : Fate.Dropped.because(node, "nat: " + outcome.reason(), ctx.packet()));
            return false;
        }
        ctx.packet(outcome.packet());
        if (watcher.wantsHops() && !outcome.packet().equals(before)) {
            hop(ctx, hook.name(), "nat", "", 0, HopTexts.rewrite(before, outcome.packet()));
        }
        return true;
    }

    private NatHookContext incoming(NetDevice device) {
        return incomingNat.computeIfAbsent(device.name(), NatHookContext::incoming);
    }

    private NatHookContext outgoing(NetDevice device, Ipv4Address nextHop) {
        NatHookContext last = outgoingNat.get(device.name());
        if (last == null || !last.nextHop().equals(nextHop)) {
            last = NatHookContext.outgoing(device.name(), nextHop);
            outgoingNat.put(device.name(), last);
        }
        return last;
    }

    // ------------------------------------------------------------------------------------- per-packet scratch

    /**
     * The working objects of one packet in the hooks: its context, its conntrack view and the nat table's
     * request. One set per nesting level (a REJECT's reply, an ICMP error or a packet looped over {@code lo}
     * passes the hooks while the packet that caused it is still in them), reused by the next packet at the
     * same level, so the packet path makes none of them per packet. Like the stack, not shared.
     */
    private final class Scratch {
        final PacketContext ctx = new PacketContext();
        final TrackedConnection view = new TrackedConnection();
        final NatAsk natAsk = new NatAsk();
    }

    /** The context of a packet starting its walk through the hooks, one level deeper; {@link #leave} at its end. */
    private PacketContext enter(Ipv4Packet packet) {
        if (depth == levels.size()) {
            levels.add(new Scratch());
        }
        return levels.get(depth++).ctx.reset(packet);
    }

    private void leave() {
        depth--;
    }

    /** The working objects {@code ctx} belongs to (the innermost level, as a rule). */
    private Scratch scratchOf(PacketContext ctx) {
        for (int i = depth - 1; i >= 0; i--) {
            if (levels.get(i).ctx == ctx) {
                return levels.get(i);
            }
        }
        throw new IllegalStateException("no packet in the hooks has this context");
    }

    /** The nat table at one hook, asked by {@link Nat} for a connection's first packet; remembers its decision. */
    private final class NatAsk implements io.nflab.nat.NatRules {
        private Hook hook;
        private PacketContext ctx;
        private Decision asked;

        /** This request for the packet of {@code at} at {@code where}, nothing decided yet. */
        NatAsk at(Hook where, PacketContext at) {
            hook = where;
            ctx = at;
            asked = null;
            return this;
        }

        @Override
        public NatVerdict evaluate(Ipv4Packet packet) {
            ctx.packet(packet);
            Decision decision = engine.evaluate(TableKind.NAT, hook, ctx);
            asked = decision;
            if (watcher.wantsHops() && decision.kind() != Decision.Kind.NOT_HOOKED) {
                hop(ctx, hook.name(), decision);
            }
            return switch (decision.kind()) {
                case NAT -> NatVerdict.bind(decision.target());
                case DROP, REJECT -> NatVerdict.DROP;
                default -> NatVerdict.ACCEPT;
            };
        }
    }

    private void hop(PacketContext ctx, String hook, Decision decision) {
        Place place = decision.place();
        hop(ctx, hook, place.table().label(), place.chain(), place.isRule() ? place.number() : 0,
                HopTexts.decision(decision, netfilter));
    }

    private void hop(PacketContext ctx, String hook, String table, String chain, int rule, String what) {
        watcher.hop(current, new StackHop(ctx.inputInterface(), ctx.outputInterface(), hook, table, chain, rule, what));
    }

    /** Conntrack helpers (FTP) see the packet, then the connection is confirmed ({@code nf_confirm}). */
    private boolean confirm(PacketContext ctx, ConntrackResult ct) {
        if (ct == null || !ct.tracked()) {
            return true;
        }
        HelperVerdict helped = helpers.beforeConfirm(ctx.packet(), ct, now);
        if (helped.dropped()) {
            out.fate(Fate.Dropped.because(node, helped.reason(), ctx.packet()));
            return false;
        }
        if (helped.packet() != ctx.packet()) {
            ctx.packet(helped.packet());
        }
        if (!ct.entry().isConfirmed() && !conntrack.confirm(ct, now)) {
            out.fate(Fate.Dropped.because(node, "conntrack clash", ctx.packet()));
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------- ICMP and helpers

    /**
     * icmp_send: an error about {@code original}, sent back through OUTPUT attached to the original's connection
     * {@code ct} (RELATED, even when that connection was never confirmed, as the kernel lab shows); tracked on its
     * own when the original had none (null, INVALID, UNTRACKED).
     */
    private void icmpError(Ipv4Packet original, IcmpType type, int code, ConntrackResult ct) {
        if (ip.addressType(original.source()) != AddressType.UNICAST
                && ip.addressType(original.source()) != AddressType.LOCAL) {
            return;
        }
        IcmpErrors.build(original, type, code, icmpSource(original), defaultTtl())
                .ifPresent(error -> icmpOutput(error, ct == null ? Optional.empty() : ct.answer()));
    }

    /**
     * Sends an ICMP message the kernel makes itself (echo reply, error). The kernel holds its per-CPU ICMP socket
     * ({@code icmp_xmit_lock}) while the message passes OUTPUT and POSTROUTING, so a REJECT there cannot send an
     * ICMP error of its own: the message is dropped and nothing answers it.
     */
    private void icmpOutput(Ipv4Packet message, Optional<ConntrackResult> preset) {
        boolean locked = icmpXmitLocked;
        icmpXmitLocked = true;
        try {
            output(message, preset, false);
        } finally {
            icmpXmitLocked = locked;
        }
    }

    /** The ICMP error's source: the original destination when it is ours, else what routing chooses towards the sender. */
    private Ipv4Address icmpSource(Ipv4Packet original) {
        if (ip.addressType(original.destination()) == AddressType.LOCAL) {
            return original.destination();
        }
        if (ip.routeOutput(original.source()) instanceof OutputRoute.Resolved back) {
            return back.source();
        }
        return original.destination();
    }

    /** {@code net.ipv4.ip_default_ttl}: the TTL of the packets the stack makes itself (replies, errors, resets). */
    private int defaultTtl() {
        return sockets.settings().defaultTtl();
    }

    /** {@code -m addrtype}: the local-table route type of {@code address}, limited to {@code device} when one is given. */
    private AddrtypeMatch.AddressType addressType(int address, String device) {
        Ipv4Address a = Ipv4Address.of(address);
        AddressType type = ip.addressType(a);
        if (type == AddressType.LOCAL && !device.isEmpty() && !a.isLoopback()
                && ip.links().byName(device).map(d -> d.addresses().stream()
                        .noneMatch(x -> x.address().address().equals(a))).orElse(true)) {
            return AddrtypeMatch.AddressType.UNICAST;
        }
        return AddrtypeMatch.AddressType.valueOf(type.name());
    }

    /** {@code -m connlimit}: whether a confirmed, not closing connection has this tuple. */
    private boolean isOpen(int protocol, int source, int destination, int sourcePort, int destinationPort, int zone,
            long at) {
        return conntrack.find(ConntrackTuple.of(protocol, source, destination, sourcePort, destinationPort), zone, at)
                .map(match -> match.entry().tcpState().map(state -> state != TcpState.TIME_WAIT
                        && state != TcpState.CLOSE).orElse(true))
                .orElse(false);
    }

    /** The addresses MASQUERADE and REDIRECT take, from the namespace's devices. */
    private final class Interfaces implements NatInterfaces {
        @Override
        public Optional<Ipv4Address> masqueradeAddress(String interfaceName, Ipv4Address nextHop) {
            Ipv4Address address = ip.links().byName(interfaceName)
                    .map(device -> ip.links().selectAddress(device, nextHop, Scope.GLOBAL, false))
                    .orElse(Ipv4Address.ANY);
            return address.isAny() ? Optional.empty() : Optional.of(address);
        }

        @Override
        public Optional<Ipv4Address> primaryAddress(String interfaceName) {
            return ip.links().byName(interfaceName).flatMap(device -> device.addresses().stream().findFirst())
                    .map(a -> a.address().address());
        }
    }

    private Route socketRoute(Ipv4Address destination) {
        OutputRoute route = ip.routeOutput(destination);
        if (route instanceof OutputRoute.Resolved resolved) {
            return Route.via(resolved.source());
        }
        io.nflab.link.Errno error = ((OutputRoute.Failed) route).error();
        return Route.unreachable(switch (error) {
            case EHOSTUNREACH -> io.nflab.socket.Errno.EHOSTUNREACH;
            case EACCES -> io.nflab.socket.Errno.EACCES;
            case EINVAL -> io.nflab.socket.Errno.EINVAL;
            default -> io.nflab.socket.Errno.ENETUNREACH;
        });
    }
}
