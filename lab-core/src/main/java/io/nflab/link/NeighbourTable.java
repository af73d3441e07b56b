package io.nflab.link;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.packet.ArpOperation;
import io.nflab.packet.ArpPacket;
import io.nflab.packet.EthernetFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The ARP neighbour cache of one namespace: the kernel's state machine ({@code net/core/neighbour.c},
 * {@code net/ipv4/arp.c}) driven by the lab clock. Inputs are events — a packet must go to a next hop
 * ({@link #resolve}), an ARP frame arrived ({@link #receiveArp}), time passed ({@link #tick}), an upper
 * layer confirmed reachability ({@link #confirm}), a device went down ({@link #flushDevice}) — and outputs
 * are {@link NeighbourAction}s handed to a sink: ARP frames to send, waiting packets to transmit, fail or
 * drop. Times are lab-clock nanoseconds; they never go backwards.
 *
 * <p>Resolution as Linux does it with default settings: the first packet to an unknown neighbour creates an
 * INCOMPLETE entry, waits in its queue and triggers a broadcast request; two more follow one second apart;
 * one second after the third, the entry is FAILED and every waiting packet gets "host unreachable". An
 * answer makes the entry REACHABLE and releases the queue. After {@code reachable_time} the entry is STALE;
 * the next packet puts it in DELAY, and five seconds later, unless confirmed, PROBE sends up to three
 * unicast requests. Entries are never garbage-collected (the kernel only collects above
 * {@code gc_thresh1} = 128 entries).
 *
 * @param <P> the owner's packet type, kept opaque
 */
public final class NeighbourTable<P> {

    private final NeighbourContext context;
    private final NeighbourConfig config;
    private AddressMap<Entry<P>>[] byDevice = newArray(8);
    private final PriorityQueue<Timer<P>> timers =
            new PriorityQueue<>(Comparator.<Timer<P>>comparingLong(t -> t.deadline).thenComparingLong(t -> t.sequence));
    private long timerSequence;
    private long lastNow = Long.MIN_VALUE;

    public NeighbourTable(NeighbourContext context, NeighbourConfig config) {
        this.context = Objects.requireNonNull(context, "context");
        this.config = Objects.requireNonNull(config, "config");
    }

    public NeighbourConfig config() {
        return config;
    }

    /**
     * A packet must go to {@code nextHop} out of device {@code ifindex}. Returns the MAC to send it to now,
     * or null when the packet was queued until the neighbour answers (the kernel's {@code neigh_event_send}).
     *
     * @param packetSource the packet's IPv4 source: when it is one of ours, ARP requests announce it
     */
    public MacAddress resolve(int ifindex, Ipv4Address nextHop, Ipv4Address packetSource, P packet, long now,
            Consumer<NeighbourAction<P>> actions) {
        MacAddress known = resolveKnown(ifindex, nextHop, now);
        if (known != null) {
            return known;
        }
        Entry<P> e = lookupOrCreate(ifindex, nextHop);
        if (e.state.isConnected()) {
            return e.mac;
        }
        e.used = now;
        switch (e.state) {
            case NONE, FAILED -> {
                e.probes = config.unicastProbes();
                e.state = NudState.INCOMPLETE;
                e.updated = now;
                arm(e, now + Math.max(config.retransTime(), NeighbourConfig.MIN_TIMER), now);
                enqueue(e, packet, packetSource, actions);
                probe(e, actions);
                return null;
            }
            case INCOMPLETE -> {
                enqueue(e, packet, packetSource, actions);
                return null;
            }
            default -> throw new IllegalStateException("unexpected state " + e.state);
        }
    }

    /**
     * {@link #resolve} for a neighbour whose MAC is known (connected, STALE, DELAY, PROBE), with the same state
     * changes; null when a packet would have to wait for it (no entry, NONE, INCOMPLETE, FAILED): then
     * {@link #resolve} queues the packet. Lets the packet path make its queue entry only when it is needed.
     */
    public MacAddress resolveKnown(int ifindex, Ipv4Address nextHop, long now) {
        advance(now);
        Entry<P> e = lookup(ifindex, nextHop);
        if (e == null) {
            return null;
        }
        if (e.state.isConnected()) {
            return e.mac;
        }
        switch (e.state) {
            case DELAY, PROBE -> {
                e.used = now;
                return e.mac;
            }
            case STALE -> {
                e.used = now;
                e.state = NudState.DELAY;
                e.updated = now;
                arm(e, now + config.delayFirstProbeTime(), now);
                return e.mac;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * An ARP frame arrived on {@code ifindex} ({@code arp_process}): answers requests for our addresses
     * (the sender is then cached as STALE) and updates the sender's existing entry — REACHABLE for a reply
     * addressed to us, STALE otherwise. Unsolicited ARP creates no entry ({@code arp_accept} = 0).
     *
     * @param unicastToUs whether the frame was addressed to our MAC (a reply broadcast to all does not
     *                    confirm reachability)
     */
    public void receiveArp(int ifindex, ArpPacket arp, boolean unicastToUs, long now,
            Consumer<NeighbourAction<P>> actions) {
        advance(now);
        NetDevice device = context.links().device(ifindex);
        if (device.noArp() || device.isLoopback() || !device.adminUp()) {
            return;
        }
        Ipv4Address sip = arp.senderIp();
        Ipv4Address tip = arp.targetIp();
        if (tip.isMulticast() || tip.isLoopback()) {
            return;
        }
        if (sip.isAny()) { // duplicate address detection probe
            if (arp.operation() == ArpOperation.REQUEST && context.addressType(tip) == AddressType.LOCAL) {
                actions.accept(new NeighbourAction.SendArp<>(ifindex, reply(device, tip, arp.senderMac(), sip)));
            }
            return;
        }
        if (arp.operation() == ArpOperation.REQUEST && context.isLocalTarget(ifindex, tip, sip)) {
            Entry<P> e = lookupOrCreate(ifindex, sip);
            update(e, arp.senderMac(), NudState.STALE, true, false, now, actions);
            actions.accept(new NeighbourAction.SendArp<>(ifindex, reply(device, tip, arp.senderMac(), sip)));
            return;
        }
        Entry<P> e = lookup(ifindex, sip);
        if (e != null) {
            boolean gratuitous = sip.equals(tip) && context.addressType(sip) == AddressType.UNICAST
                    && (arp.operation() == ArpOperation.REQUEST || arp.targetMac().equals(arp.senderMac()));
            boolean override = now > e.updated + config.lockTime() || gratuitous;
            NudState state = arp.operation() == ArpOperation.REPLY && unicastToUs ? NudState.REACHABLE : NudState.STALE;
            update(e, arp.senderMac(), state, override, false, now, actions);
        }
    }

    /** An upper layer saw the neighbour answer (TCP progress, the kernel's {@code neigh_confirm}). */
    public void confirm(int ifindex, Ipv4Address neighbour, long now) {
        advance(now);
        Entry<P> e = lookup(ifindex, neighbour);
        if (e != null) {
            e.confirmed = now;
        }
    }

    /** Runs every timer due at or before {@code now}, each at its own deadline. */
    public void tick(long now, Consumer<NeighbourAction<P>> actions) {
        advance(now);
        while (!timers.isEmpty() && timers.peek().deadline <= now) {
            Timer<P> t = timers.poll();
            if (t.entry.timer == t) {
                t.entry.timer = null;
                expire(t.entry, t.deadline, actions);
            }
        }
    }

    /** When {@link #tick} has work next, if ever. */
    public OptionalLong nextDeadline() {
        long next = nextDeadlineNanos();
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** {@link #nextDeadline()} without a box for the per-packet path: {@link Long#MAX_VALUE} when no timer runs. */
    public long nextDeadlineNanos() {
        while (!timers.isEmpty() && timers.peek().entry.timer != timers.peek()) {
            timers.poll();
        }
        return timers.isEmpty() ? Long.MAX_VALUE : timers.peek().deadline;
    }

    /**
     * The device went down ({@code keepPermanent} false: every entry goes, as with {@code ip link set down})
     * or lost its carrier ({@code keepPermanent} true); waiting packets are dropped without an answer.
     */
    public void flushDevice(int ifindex, boolean keepPermanent, Consumer<NeighbourAction<P>> actions) {
        AddressMap<Entry<P>> entries = device(ifindex);
        if (entries == null) {
            return;
        }
        List<Entry<P>> gone = new ArrayList<>();
        entries.forEach((key, e) -> {
            if (!(keepPermanent && e.state == NudState.PERMANENT)) {
                gone.add(e);
            }
        });
        gone.sort(Comparator.comparing(e -> e.address));
        for (Entry<P> e : gone) {
            drop(e, NeighbourAction.DropReason.DEVICE_DOWN, actions);
            entries.remove(e.address.bits());
            e.timer = null;
        }
    }

    /**
     * {@code ip neigh add|replace|change}: sets an entry by hand (state PERMANENT, REACHABLE, STALE or NOARP).
     * Without a MAC the entry must have one already; as in the kernel, a refused new entry stays behind in
     * state NONE (shown only by {@code nud none} or {@code nud all}).
     *
     * @throws NetlinkException EEXIST when {@code exclusive} and the entry exists; ENOENT when not
     *                          {@code create} and it does not; EINVAL "No link layer address given"
     */
    public void set(int ifindex, Ipv4Address address, Optional<MacAddress> mac, NudState state, boolean create,
            boolean exclusive, long now, Consumer<NeighbourAction<P>> actions) {
        advance(now);
        Entry<P> e = lookup(ifindex, address);
        if (e != null && exclusive) {
            throw new NetlinkException(Errno.EEXIST);
        }
        if (e == null && !create) {
            throw new NetlinkException(Errno.ENOENT);
        }
        if (e == null) {
            e = lookupOrCreate(ifindex, address);
        }
        if (mac.isEmpty() && !e.state.isValid()) {
            throw new NetlinkException(Errno.EINVAL, "No link layer address given");
        }
        update(e, mac.orElse(e.mac), state, true, true, now, actions);
    }

    /**
     * {@code ip neigh del}: removes the entry; its waiting packets are dropped.
     *
     * @throws NetlinkException ENOENT when there is no such entry
     */
    public void delete(int ifindex, Ipv4Address address, long now, Consumer<NeighbourAction<P>> actions) {
        advance(now);
        Entry<P> e = lookup(ifindex, address);
        if (e == null) {
            throw new NetlinkException(Errno.ENOENT);
        }
        drop(e, NeighbourAction.DropReason.FLUSHED, actions);
        e.timer = null;
        device(ifindex).remove(address.bits());
    }

    /** The entry for {@code address} on the device, if there is one. */
    public Optional<Neighbour> find(int ifindex, Ipv4Address address) {
        Entry<P> e = lookup(ifindex, address);
        return e == null ? Optional.empty() : Optional.of(e.snapshot());
    }

    /** Every entry, ordered by device then address (the kernel lists them in the order of its hash table). */
    public List<Neighbour> entries() {
        List<Neighbour> all = new ArrayList<>();
        for (AddressMap<Entry<P>> entries : byDevice) {
            if (entries != null) {
                entries.forEach((key, e) -> all.add(e.snapshot()));
            }
        }
        all.sort(Comparator.comparingInt(Neighbour::ifindex).thenComparing(Neighbour::address));
        return all;
    }

    /** How many packets wait for {@code address} on the device. */
    public int queued(int ifindex, Ipv4Address address) {
        Entry<P> e = lookup(ifindex, address);
        return e == null ? 0 : e.queue.size();
    }

    // --- the kernel's state machine -------------------------------------------------------------------

    /** {@code neigh_timer_handler}, run at {@code now} (the timer's deadline). */
    private void expire(Entry<P> e, long now, Consumer<NeighbourAction<P>> actions) {
        if (!e.state.hasTimer()) {
            return;
        }
        long next = now + NeighbourConfig.MIN_TIMER * 100;
        switch (e.state) {
            case REACHABLE -> {
                if (now <= e.confirmed + config.reachableTime()) {
                    next = e.confirmed + config.reachableTime();
                } else if (now <= e.used + config.delayFirstProbeTime()) {
                    e.state = NudState.DELAY;
                    e.updated = now;
                    next = now + config.delayFirstProbeTime();
                } else {
                    e.state = NudState.STALE;
                    e.updated = now;
                }
            }
            case DELAY -> {
                if (now <= e.confirmed + config.delayFirstProbeTime()) {
                    e.state = NudState.REACHABLE;
                    e.updated = now;
                    next = e.confirmed + config.reachableTime();
                } else {
                    e.state = NudState.PROBE;
                    e.updated = now;
                    e.probes = 0;
                    next = now + Math.max(config.retransTime(), NeighbourConfig.MIN_TIMER);
                }
            }
            default -> next = now + Math.max(config.retransTime(), NeighbourConfig.MIN_TIMER);
        }
        if ((e.state == NudState.INCOMPLETE || e.state == NudState.PROBE) && e.probes >= maxProbes(e)) {
            e.state = NudState.FAILED;
            invalidate(e, now, actions);
            return;
        }
        if (e.state.hasTimer()) {
            arm(e, next, now);
        }
        if (e.state == NudState.INCOMPLETE || e.state == NudState.PROBE) {
            probe(e, actions);
        }
    }

    /** {@code neigh_max_probes}: INCOMPLETE broadcasts {@code mcast_solicit} after the unicast budget; PROBE only unicasts. */
    private int maxProbes(Entry<P> e) {
        return config.unicastProbes() + (e.state == NudState.PROBE ? 0 : config.multicastProbes());
    }

    /** {@code neigh_probe} + {@code arp_solicit}. */
    private void probe(Entry<P> e, Consumer<NeighbourAction<P>> actions) {
        NetDevice device = context.links().device(e.ifindex);
        Queued<P> last = e.queue.peekLast();
        Ipv4Address source = last != null && context.addressType(last.source) == AddressType.LOCAL
                ? last.source
                : context.arpSource(device, e.address);
        boolean unicast = e.probes < config.unicastProbes();
        MacAddress destination = unicast && e.mac != null ? e.mac : MacAddress.BROADCAST;
        ArpPacket request = ArpPacket.request(device.mac(), source, e.address);
        actions.accept(new NeighbourAction.SendArp<>(e.ifindex, new EthernetFrame(destination, device.mac(), request)));
        e.probes++;
    }

    /** {@code neigh_update}: a new MAC and/or state from ARP or the administrator. */
    private void update(Entry<P> e, MacAddress mac, NudState requested, boolean override, boolean admin, long now,
            Consumer<NeighbourAction<P>> actions) {
        NudState old = e.state;
        NudState next = requested;
        if (!admin && (old == NudState.NOARP || old == NudState.PERMANENT)) {
            return;
        }
        if (requested.isConnected()) {
            e.confirmed = now;
        }
        boolean sameMac = old.isValid() && mac.equals(e.mac);
        if (old.isValid()) {
            if (!sameMac && !override) {
                return;
            }
            if (sameMac && requested == NudState.STALE && !admin) {
                next = old;
            }
        }
        if (next != old || !sameMac) {
            e.updated = now;
        }
        if (next != old) {
            e.timer = null;
            if (next == NudState.PROBE) {
                e.probes = 0;
            }
            if (next.hasTimer()) {
                arm(e, now + (next == NudState.REACHABLE ? config.reachableTime() : 0), now);
            }
            e.state = next;
        }
        if (!sameMac) {
            e.mac = mac;
            if (!next.isConnected()) {
                e.confirmed = now - 2 * config.reachableTime();
            }
        }
        if (next == old || old.isValid()) {
            return;
        }
        // The entry just became valid: the waiting packets go out (each through the normal send path).
        while (!e.queue.isEmpty()) {
            Queued<P> q = e.queue.pollFirst();
            if (!e.state.isConnected()) {
                e.used = now;
                if (e.state == NudState.STALE) {
                    e.state = NudState.DELAY;
                    e.updated = now;
                    arm(e, now + config.delayFirstProbeTime(), now);
                }
            }
            actions.accept(new NeighbourAction.Transmit<>(e.ifindex, e.mac, q.packet));
        }
    }

    /** {@code neigh_invalidate}: every waiting packet gets "host unreachable". */
    private void invalidate(Entry<P> e, long now, Consumer<NeighbourAction<P>> actions) {
        e.updated = now;
        while (!e.queue.isEmpty()) {
            actions.accept(new NeighbourAction.Unreachable<>(e.ifindex, e.address, e.queue.pollFirst().packet));
        }
    }

    private void enqueue(Entry<P> e, P packet, Ipv4Address source, Consumer<NeighbourAction<P>> actions) {
        while (e.queue.size() >= config.unresolvedQueueLength() && !e.queue.isEmpty()) {
            Queued<P> oldest = e.queue.pollFirst();
            actions.accept(new NeighbourAction.Dropped<>(e.ifindex, e.address, oldest.packet,
                    NeighbourAction.DropReason.QUEUE_FULL));
        }
        if (config.unresolvedQueueLength() == 0) {
            actions.accept(new NeighbourAction.Dropped<>(e.ifindex, e.address, packet,
                    NeighbourAction.DropReason.QUEUE_FULL));
            return;
        }
        e.queue.addLast(new Queued<>(packet, source));
    }

    private void drop(Entry<P> e, NeighbourAction.DropReason reason, Consumer<NeighbourAction<P>> actions) {
        while (!e.queue.isEmpty()) {
            actions.accept(new NeighbourAction.Dropped<>(e.ifindex, e.address, e.queue.pollFirst().packet, reason));
        }
    }

    private void arm(Entry<P> e, long deadline, long now) {
        Timer<P> t = new Timer<>(Math.max(deadline, now + NeighbourConfig.MIN_TIMER), timerSequence++, e);
        e.timer = t;
        timers.add(t);
    }

    private void advance(long now) {
        if (now < lastNow) {
            throw new IllegalArgumentException("the lab clock went backwards: " + now + " < " + lastNow);
        }
        lastNow = now;
    }

    private Entry<P> lookup(int ifindex, Ipv4Address address) {
        AddressMap<Entry<P>> entries = device(ifindex);
        return entries == null ? null : entries.get(address.bits());
    }

    /** {@code __neigh_lookup(..., create)} with {@code arp_constructor}'s choice of NOARP entries. */
    private Entry<P> lookupOrCreate(int ifindex, Ipv4Address address) {
        Entry<P> e = lookup(ifindex, address);
        if (e != null) {
            return e;
        }
        NetDevice device = context.links().device(ifindex);
        e = new Entry<>(ifindex, address);
        AddressType type = context.addressType(address);
        if (type == AddressType.MULTICAST) {
            e.state = NudState.NOARP;
            e.mac = MacAddress.of(0x01005e000000L | (address.bits() & 0x7fffff));
        } else if (device.noArp() || device.isLoopback()) {
            e.state = NudState.NOARP;
            e.mac = device.mac();
        } else if (type == AddressType.BROADCAST) {
            e.state = NudState.NOARP;
            e.mac = MacAddress.BROADCAST;
        }
        if (ifindex >= byDevice.length) {
            byDevice = Arrays.copyOf(byDevice, Math.max(byDevice.length * 2, ifindex + 1));
        }
        if (byDevice[ifindex] == null) {
            byDevice[ifindex] = new AddressMap<>();
        }
        byDevice[ifindex].put(address.bits(), e);
        return e;
    }

    private AddressMap<Entry<P>> device(int ifindex) {
        return ifindex >= 0 && ifindex < byDevice.length ? byDevice[ifindex] : null;
    }

    private static EthernetFrame reply(NetDevice device, Ipv4Address ourAddress, MacAddress askerMac,
            Ipv4Address askerIp) {
        ArpPacket answer = new ArpPacket(ArpOperation.REPLY, device.mac(), ourAddress, askerMac, askerIp);
        return new EthernetFrame(askerMac, device.mac(), answer);
    }

    @SuppressWarnings("unchecked")
    private static <P> AddressMap<Entry<P>>[] newArray(int length) {
        return (AddressMap<Entry<P>>[]) new AddressMap<?>[length];
    }

    private record Queued<P>(P packet, Ipv4Address source) {
    }

    private static final class Timer<P> {
        final long deadline;
        final long sequence;
        final Entry<P> entry;

        Timer(long deadline, long sequence, Entry<P> entry) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.entry = entry;
        }
    }

    /** The mutable state of one entry (the kernel's {@code struct neighbour}). */
    private static final class Entry<P> {
        final int ifindex;
        final Ipv4Address address;
        NudState state = NudState.NONE;
        MacAddress mac;
        int probes;
        long confirmed = Long.MIN_VALUE / 4;
        long updated = Long.MIN_VALUE / 4;
        long used = Long.MIN_VALUE / 4;
        Timer<P> timer;
        final ArrayDeque<Queued<P>> queue = new ArrayDeque<>();

        Entry(int ifindex, Ipv4Address address) {
            this.ifindex = ifindex;
            this.address = address;
        }

        Neighbour snapshot() {
            return new Neighbour(address, ifindex, state.isValid() ? Optional.of(mac) : Optional.empty(), state);
        }
    }
}
