package io.nflab.stack;

import io.nflab.address.Ipv4Address;
import io.nflab.link.IfAddress;
import io.nflab.link.Links;
import io.nflab.link.NetDevice;
import io.nflab.nat.Nat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kernel's masquerade notifiers ({@code nf_nat_masquerade.c}) for changes made on the console: a device
 * taken down ({@code NETDEV_DOWN}, i.e. {@code ip link set DEV down}) forgets every connection masqueraded
 * through it, and an address removed from a device forgets those masqueraded to that address. Losing the
 * carrier is not {@code NETDEV_DOWN}: the kernel keeps those connections, and so does this.
 *
 * <p>Take a {@link #snapshot} before the change and hand it to {@link #apply} after it.
 */
final class MasqueradeNotifier {
    /** The devices that were administratively up, with their addresses. */
    record Snapshot(Map<String, Set<Ipv4Address>> upDevices) {
    }

    private MasqueradeNotifier() {
    }

    static Snapshot snapshot(Links links) {
        return new Snapshot(links.devices().stream().filter(NetDevice::adminUp)
                .collect(Collectors.toMap(NetDevice::name, MasqueradeNotifier::addresses)));
    }

    /** Tells NAT what went away since {@code before}; answers how many connections were forgotten. */
    static int apply(Snapshot before, Links after, Nat nat, long now) {
        int forgotten = 0;
        for (Map.Entry<String, Set<Ipv4Address>> was : before.upDevices().entrySet()) {
            NetDevice device = after.byName(was.getKey()).orElse(null);
            if (device == null || !device.adminUp()) {
                forgotten += nat.interfaceDown(was.getKey(), now);
                continue;
            }
            Set<Ipv4Address> still = addresses(device);
            for (Ipv4Address address : was.getValue()) {
                if (!still.contains(address)) {
                    forgotten += nat.addressRemoved(was.getKey(), address, now);
                }
            }
        }
        return forgotten;
    }

    private static Set<Ipv4Address> addresses(NetDevice device) {
        List<IfAddress> all = device.addresses();
        return all.stream().map(IfAddress::local).collect(Collectors.toSet());
    }
}
