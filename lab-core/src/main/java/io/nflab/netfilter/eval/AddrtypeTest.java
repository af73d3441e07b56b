package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.AddrtypeMatch;
import io.nflab.netfilter.match.AddrtypeMatch.AddressType;
import java.util.Set;

/**
 * {@code -m addrtype} as xt_addrtype's {@code addrtype_mt_v1}: the type of the source and destination
 * address, looked up like the kernel's {@code inet_dev_addr_type}, on the input or output device with
 * {@code --limit-iface-in/out}.
 */
final class AddrtypeTest implements MatchTest {
    private final AddressTypes addressTypes;
    private final int sourceTypes;
    private final boolean sourceNegated;
    private final int destinationTypes;
    private final boolean destinationNegated;
    private final boolean limitIn;
    private final boolean limitOut;

    AddrtypeTest(AddrtypeMatch match, AddressTypes addressTypes) {
        this.addressTypes = addressTypes;
        sourceTypes = bits(match.sourceTypes());
        sourceNegated = match.sourceNegated();
        destinationTypes = bits(match.destinationTypes());
        destinationNegated = match.destinationNegated();
        limitIn = match.limitIfaceIn();
        limitOut = match.limitIfaceOut();
    }

    private static int bits(Set<AddressType> types) {
        int bits = 0;
        for (AddressType type : types) {
            bits |= 1 << type.ordinal();
        }
        return bits;
    }

    @Override
    public boolean test(PacketContext packet) {
        String device = limitIn ? packet.inputInterface : limitOut ? packet.outputInterface : "";
        if (sourceTypes != 0 && hasType(packet.source, device, sourceTypes) == sourceNegated) {
            return false;
        }
        return destinationTypes == 0 || hasType(packet.destination, device, destinationTypes) != destinationNegated;
    }

    private boolean hasType(int address, String device, int types) {
        return (types & 1 << typeOf(address, device).ordinal()) != 0;
    }

    private AddressType typeOf(int address, String device) {
        if ((address & 0xff000000) == 0 || address == -1) {
            return AddressType.BROADCAST;
        }
        if ((address & 0xf0000000) == 0xe0000000) {
            return AddressType.MULTICAST;
        }
        return addressTypes.localRouteType(address, device);
    }
}
