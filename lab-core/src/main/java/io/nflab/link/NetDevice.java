package io.nflab.link;

import io.nflab.address.MacAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One network device of a namespace as it is at one moment (an immutable snapshot): its name and
 * ifindex, type, MAC, MTU, administrative state ({@code ip link set up}), carrier (whether the other end
 * of the link is there), ARP, its peer for display and its IPv4 addresses in the kernel's order
 * (primaries first, then secondaries).
 *
 * @param everUp whether the device was ever up: its queueing discipline is {@code noop} until then, {@code noqueue} after
 */
public record NetDevice(String name, int index, LinkType type, MacAddress mac, int mtu, boolean adminUp,
        boolean carrier, boolean noArp, boolean everUp, Optional<LinkPeer> peer, List<IfAddress> addresses) {

    /** The transmit queue length both lo and veth have. */
    public static final int QUEUE_LENGTH = 1000;

    public NetDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(peer, "peer");
        addresses = List.copyOf(addresses);
        if (index < 1) {
            throw new IllegalArgumentException("ifindex must be positive: " + index);
        }
        if (mtu < type.minMtu() || mtu > type.maxMtu()) {
            throw new IllegalArgumentException("mtu out of range for " + type.word() + ": " + mtu);
        }
    }

    public boolean isLoopback() {
        return type == LinkType.LOOPBACK;
    }

    /** Up and with carrier: the kernel reports LOWER_UP (loopback always has carrier). */
    public boolean isLowerUp() {
        return adminUp && (isLoopback() || carrier);
    }

    /** The kernel's {@code IFF_RUNNING}: up and operationally up (or of unknown state, like lo). */
    public boolean isRunning() {
        OperState state = operState();
        return adminUp && (state == OperState.UP || state == OperState.UNKNOWN);
    }

    /**
     * The operational state: lo is UNKNOWN when up; an Ethernet device is UP with carrier and DOWN without
     * (as kernel 6.18 reports a veth whose peer lives in another namespace; older kernels such as 6.1
     * report LOWERLAYERDOWN).
     */
    public OperState operState() {
        if (!adminUp) {
            return OperState.DOWN;
        }
        if (isLoopback()) {
            return OperState.UNKNOWN;
        }
        return carrier ? OperState.UP : OperState.DOWN;
    }

    /** The queueing discipline {@code ip link} shows. */
    public String qdisc() {
        return everUp ? "noqueue" : "noop";
    }

    /** The name as {@code ip} shows it: {@code eth0@if5} when the device has a peer. */
    public String displayName() {
        return peer.map(p -> name + "@if" + p.ifindex()).orElse(name);
    }

    /** The flags between angle brackets in {@code ip link}, e.g. {@code <BROADCAST,MULTICAST,UP,LOWER_UP>}. */
    public String flagsText() {
        StringBuilder out = new StringBuilder("<");
        if (adminUp && !isRunning()) {
            out.append("NO-CARRIER,");
        }
        if (isLoopback()) {
            out.append("LOOPBACK,");
        } else {
            out.append("BROADCAST,MULTICAST,");
        }
        if (noArp) {
            out.append("NOARP,");
        }
        if (adminUp) {
            out.append("UP,");
        }
        if (isLowerUp()) {
            out.append("LOWER_UP,");
        }
        out.setLength(out.length() - 1);
        return out.append('>').toString();
    }

    /** The broadcast link-layer address ({@code brd} in {@code ip link}). */
    public MacAddress broadcastMac() {
        return isLoopback() ? MacAddress.ZERO : MacAddress.BROADCAST;
    }

    /** The primary addresses, in order. */
    public List<IfAddress> primaryAddresses() {
        return addresses.stream().filter(a -> !a.secondary()).toList();
    }

    NetDevice with(boolean newAdminUp, boolean newCarrier, boolean newNoArp, int newMtu, MacAddress newMac,
            List<IfAddress> newAddresses) {
        return new NetDevice(name, index, type, newMac, newMtu, newAdminUp, newCarrier, newNoArp,
                everUp || newAdminUp, peer, newAddresses);
    }
}
