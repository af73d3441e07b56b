package io.nflab.link;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devices of one namespace and their IPv4 addresses, changed the way the kernel changes them. A new
 * table holds {@code lo} (ifindex 1, down, no address, as in a fresh namespace); it gets 127.0.0.1/8 when
 * it first goes up. Devices are numbered in creation order like the kernel numbers them, unless the caller
 * names an ifindex. Not thread-safe: it belongs to one namespace's owner. Routes that follow from
 * addresses are not kept here (see the routing package), so callers change addresses through the
 * namespace, not through this table directly.
 */
public final class LinkTable implements Links {

    private static final InterfaceAddress LOOPBACK_ADDRESS = InterfaceAddress.parse("127.0.0.1/8");

    private NetDevice[] byIndex = new NetDevice[8];
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<Ipv4Address, Integer> localAddresses = new HashMap<>();
    private int lastIndex;

    public LinkTable() {
        store(new NetDevice("lo", LOOPBACK_INDEX, LinkType.LOOPBACK, MacAddress.ZERO,
                LinkType.LOOPBACK.defaultMtu(), false, true, false, false, Optional.empty(), List.of()));
    }

    /** Adds an Ethernet device, down, with the next free ifindex. */
    public NetDevice addEthernet(String name, MacAddress mac, Optional<LinkPeer> peer) {
        return addEthernet(name, lastIndex + 1, mac, peer);
    }

    /** Adds an Ethernet device, down, with the given ifindex (as {@code ip link add NAME index N}). */
    public NetDevice addEthernet(String name, int ifindex, MacAddress mac, Optional<LinkPeer> peer) {
        checkName(name);
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("a device named " + name + " exists");
        }
        if (ifindex < 1 || byIndex(ifindex).isPresent()) {
            throw new IllegalArgumentException("ifindex " + ifindex + " is taken or invalid");
        }
        if (mac.isMulticast() || mac.equals(MacAddress.ZERO)) {
            throw new IllegalArgumentException("an Ethernet device needs a unicast MAC: " + mac);
        }
        return store(new NetDevice(name, ifindex, LinkType.ETHER, mac, LinkType.ETHER.defaultMtu(), false, true,
                false, false, peer, List.of()));
    }

    @Override
    public List<NetDevice> devices() {
        return Arrays.stream(byIndex).filter(d -> d != null).toList();
    }

    @Override
    public Optional<NetDevice> byIndex(int ifindex) {
        return ifindex > 0 && ifindex < byIndex.length ? Optional.ofNullable(byIndex[ifindex]) : Optional.empty();
    }

    @Override
    public NetDevice device(int ifindex) {
        NetDevice device = ifindex > 0 && ifindex < byIndex.length ? byIndex[ifindex] : null;
        if (device == null) {
            throw new IllegalArgumentException("no device with ifindex " + ifindex);
        }
        return device;
    }

    @Override
    public Optional<NetDevice> byName(String name) {
        Integer index = byName.get(name);
        return index == null ? Optional.empty() : Optional.of(byIndex[index]);
    }

    @Override
    public boolean isLocalAddress(Ipv4Address address) {
        return localAddresses.containsKey(address);
    }

    @Override
    public Ipv4Address selectAddress(NetDevice device, Ipv4Address destination, Scope scope, boolean routeLocalnet) {
        Scope localnet = routeLocalnet ? Scope.LINK : Scope.HOST;
        Ipv4Address found = null;
        for (IfAddress a : device.addresses()) {
            if (a.secondary()) {
                continue;
            }
            Scope effective = a.scope().compareTo(localnet) < 0 ? a.scope() : localnet;
            if (effective.isNarrowerThan(scope)) {
                continue;
            }
            if (destination.isAny() || a.matches(destination)) {
                return a.local();
            }
            if (found == null) {
                found = a.local();
            }
        }
        if (found != null) {
            return found;
        }
        for (NetDevice other : byIndex) {
            if (other == null) {
                continue;
            }
            for (IfAddress a : other.addresses()) {
                if (!a.secondary() && !a.scope().equals(Scope.LINK) && !a.scope().isNarrowerThan(scope)) {
                    return a.local();
                }
            }
        }
        return Ipv4Address.ANY;
    }

    /** Sets the device administratively up or down; lo gets 127.0.0.1/8 (scope host) whenever it comes up without it. */
    public NetDevice setAdminUp(int ifindex, boolean up) {
        NetDevice d = device(ifindex);
        NetDevice changed = store(d.with(up, d.carrier(), d.noArp(), d.mtu(), d.mac(), d.addresses()));
        if (up && d.isLoopback() && findAddress(ifindex, LOOPBACK_ADDRESS.address(), LOOPBACK_ADDRESS.prefixLength())
                .isEmpty()) {
            insertAddress(ifindex, LOOPBACK_ADDRESS, Scope.HOST, Optional.empty());
            return device(ifindex);
        }
        return changed;
    }

    /** Sets whether the far end of the device's link is there (a cable plugged in, the segment's port up). */
    public NetDevice setCarrier(int ifindex, boolean carrier) {
        NetDevice d = device(ifindex);
        return store(d.with(d.adminUp(), carrier, d.noArp(), d.mtu(), d.mac(), d.addresses()));
    }

    public NetDevice setMtu(int ifindex, int mtu) {
        NetDevice d = device(ifindex);
        return store(d.with(d.adminUp(), d.carrier(), d.noArp(), mtu, d.mac(), d.addresses()));
    }

    public NetDevice setMac(int ifindex, MacAddress mac) {
        NetDevice d = device(ifindex);
        return store(d.with(d.adminUp(), d.carrier(), d.noArp(), d.mtu(), mac, d.addresses()));
    }

    public NetDevice setNoArp(int ifindex, boolean noArp) {
        NetDevice d = device(ifindex);
        return store(d.with(d.adminUp(), d.carrier(), noArp, d.mtu(), d.mac(), d.addresses()));
    }

    /**
     * Adds an address the way the kernel's {@code __inet_insert_ifa} does: an address of a subnet that is
     * already there (same prefix length) becomes a secondary and goes to the end of the list; a primary goes
     * after the last primary whose scope is not wider than its own.
     *
     * @return the address as stored (with its secondary flag)
     * @throws NetlinkException EEXIST ("ipv4: Address already assigned") when the device has this address
     *                          with this prefix length; EINVAL when
     *                          another address of its subnet has another scope
     */
    public IfAddress insertAddress(int ifindex, InterfaceAddress address, Scope scope, Optional<Ipv4Address> broadcast) {
        NetDevice d = device(ifindex);
        IfAddress added = new IfAddress(address, scope, broadcast, false);
        int lastPrimary = 0;
        List<IfAddress> list = d.addresses();
        for (int i = 0; i < list.size(); i++) {
            IfAddress existing = list.get(i);
            if (!existing.secondary() && scope.compareTo(existing.scope()) <= 0) {
                lastPrimary = i + 1;
            }
            if (existing.sameSubnet(added)) {
                if (existing.local().equals(added.local())) {
                    throw new NetlinkException(Errno.EEXIST, "ipv4: Address already assigned");
                }
                if (!existing.scope().equals(scope)) {
                    throw new NetlinkException(Errno.EINVAL, "ipv4: Invalid scope value");
                }
                added = added.asSecondary(true);
            }
        }
        List<IfAddress> next = new ArrayList<>(list);
        next.add(added.secondary() ? next.size() : lastPrimary, added);
        store(d.with(d.adminUp(), d.carrier(), d.noArp(), d.mtu(), d.mac(), next));
        return added;
    }

    /** Removes exactly this address (the caller handles its secondaries, as the kernel does, first). */
    public void removeAddress(int ifindex, IfAddress address) {
        NetDevice d = device(ifindex);
        List<IfAddress> next = new ArrayList<>(d.addresses());
        if (!next.remove(address)) {
            throw new IllegalArgumentException(d.name() + " has no address " + address);
        }
        store(d.with(d.adminUp(), d.carrier(), d.noArp(), d.mtu(), d.mac(), next));
    }

    /** The device's address with this local address and prefix length. */
    public Optional<IfAddress> findAddress(int ifindex, Ipv4Address local, int prefixLength) {
        return device(ifindex).addresses().stream()
                .filter(a -> a.local().equals(local) && a.prefixLength() == prefixLength).findFirst();
    }

    /** The secondaries that belong to a primary address (same subnet), in list order. */
    public List<IfAddress> secondariesOf(int ifindex, IfAddress primary) {
        return device(ifindex).addresses().stream().filter(a -> a.secondary() && a.sameSubnet(primary)).toList();
    }

    private NetDevice store(NetDevice device) {
        if (device.index() >= byIndex.length) {
            byIndex = Arrays.copyOf(byIndex, Math.max(byIndex.length * 2, device.index() + 1));
        }
        NetDevice old = byIndex[device.index()];
        byIndex[device.index()] = device;
        byName.put(device.name(), device.index());
        lastIndex = Math.max(lastIndex, device.index());
        if (old == null || !old.addresses().equals(device.addresses())) {
            reindexAddresses();
        }
        return device;
    }

    private void reindexAddresses() {
        localAddresses.clear();
        for (NetDevice d : byIndex) {
            if (d != null) {
                d.addresses().forEach(a -> localAddresses.putIfAbsent(a.local(), d.index()));
            }
        }
    }

    private static void checkName(String name) {
        boolean valid = !name.isEmpty() && name.length() <= 15 && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == ':' || c <= ' ' || c >= 0x7f);
        if (!valid) {
            throw new IllegalArgumentException("not a valid device name: '" + name + "'");
        }
    }
}
