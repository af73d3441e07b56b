package io.nflab.kernel;

import io.nflab.address.MacAddress;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MAC addresses of a lab's interfaces, fixed so that frames can be compared byte for byte: the
 * topology's {@code mac:} when it gives one, otherwise one derived from positions in the topology —
 * locally administered unicast {@code 02:6e:66:NN:NN:II} for interface {@code II} of node
 * {@code NNNN} (both counted from 0 in the order the topology lists them). The bridge ends of the veth
 * pairs get {@code 02:6e:67:NN:NN:II}; they never send a frame of their own.
 */
public final class LabMacs {

    private static final long NODE_SIDE = 0x02_6e_66L << 24;
    private static final long BRIDGE_SIDE = 0x02_6e_67L << 24;

    private LabMacs() {
    }

    /** Every node interface's MAC, in topology order. */
    public static Map<NodeInterface, MacAddress> of(Topology topology) {
        Map<NodeInterface, MacAddress> macs = new LinkedHashMap<>();
        List<NodeSpec> nodes = topology.nodes();
        for (int n = 0; n < nodes.size(); n++) {
            List<InterfaceSpec> interfaces = nodes.get(n).interfaces();
            for (int i = 0; i < interfaces.size(); i++) {
                InterfaceSpec spec = interfaces.get(i);
                macs.put(new NodeInterface(nodes.get(n).name(), spec.name()), spec.mac().orElse(derived(n, i)));
            }
        }
        return Collections.unmodifiableMap(macs);
    }

    /** The MAC of interface {@code interfaceIndex} of node {@code nodeIndex} when the topology fixes none. */
    public static MacAddress derived(int nodeIndex, int interfaceIndex) {
        return MacAddress.of(NODE_SIDE | position(nodeIndex, interfaceIndex));
    }

    /** The MAC of the bridge end of that interface's veth pair. */
    public static MacAddress bridgeSide(int nodeIndex, int interfaceIndex) {
        return MacAddress.of(BRIDGE_SIDE | position(nodeIndex, interfaceIndex));
    }

    private static long position(int nodeIndex, int interfaceIndex) {
        if (nodeIndex < 0 || nodeIndex > 0xffff || interfaceIndex < 0 || interfaceIndex > 0xff) {
            throw new IllegalArgumentException("node " + nodeIndex + " interface " + interfaceIndex
                    + " is beyond 65536 nodes of 256 interfaces");
        }
        return (long) nodeIndex << 8 | interfaceIndex;
    }
}
