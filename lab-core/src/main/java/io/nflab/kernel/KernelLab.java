package io.nflab.kernel;

import io.nflab.address.MacAddress;
import io.nflab.packet.Bytes;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.WireFormat;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A lab built out of the real Linux kernel: one network namespace per node, the segments as bridges in
 * a switch namespace of the lab's own, a veth pair per node interface with a fixed MAC
 * ({@link LabMacs}), the topology's addresses, routes, sysctls, rulesets and listening services.
 * Inject exact packets with {@link #send} (as the node's own stack would send them) or
 * {@link #deliver} (as a frame arriving from the segment), get back every frame the kernel put on any
 * interface as an {@link Observation}, and read each node's {@code iptables-save -c} and
 * {@code conntrack -L}. This is the ground truth nflab's emulation is compared with.
 *
 * <p>Everything the lab creates lives in its own namespaces (see {@link LabNames} for the names) and
 * is deleted by {@link #close()} — also when building fails half-way, and by a shutdown hook on
 * Ctrl-C; {@link #cleanupStale} removes what a killed JVM left. Needs root ({@link KernelSupport}).
 * Methods may be called from any thread; injections run one at a time.
 */
public final class KernelLab implements AutoCloseable {

    private static final Set<KernelLab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> List.copyOf(OPEN).forEach(KernelLab::close), "kernel-lab-cleanup"));
    }

    private final Topology topology;
    private final LabNames names;
    private final KernelLabOptions options;
    private final Map<NodeInterface, MacAddress> macs;
    private final List<Netns> namespaces;
    private final LabWiring.Namespaces wiring;
    private final KernelAgent agent;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KernelLab(Topology topology, LabNames names, KernelLabOptions options, Map<NodeInterface, MacAddress> macs,
            List<Netns> namespaces, LabWiring.Namespaces wiring, KernelAgent agent) {
        this.topology = topology;
        this.names = names;
        this.options = options;
        this.macs = macs;
        this.namespaces = namespaces;
        this.wiring = wiring;
        this.agent = agent;
    }

    /** Builds the topology in the kernel with {@link KernelLabOptions#DEFAULT}. */
    public static KernelLab start(Topology topology) {
        return start(topology, KernelLabOptions.DEFAULT);
    }

    /**
     * Builds the topology in the kernel. On failure everything created so far is deleted again.
     *
     * @throws KernelLabException     when this machine cannot run kernel labs or the kernel refuses part
     *                                of the topology (the message names it)
     * @throws KernelCommandException when a program failed unexpectedly
     */
    public static KernelLab start(Topology topology, KernelLabOptions options) {
        KernelSupport.labUnavailable().ifPresent(reason -> {
            throw new KernelLabException("cannot build kernel labs on this machine: " + reason);
        });
        LabNames names = LabNames.next(options.prefix());
        Map<NodeInterface, MacAddress> macs = LabMacs.of(topology);
        List<Netns> created = Collections.synchronizedList(new ArrayList<>());
        KernelAgent agent = null;
        try {
            LabWiring.Namespaces wiring = LabWiring.build(topology, names, macs, options.etc(), created);
            agent = KernelAgent.start(wiring.switchNamespace(), topology.nodes().stream()
                    .map(n -> new KernelAgent.NodeSockets(n.name(), wiring.nodes().get(n.name()).name(), n.services()))
                    .toList());
            KernelLab lab = new KernelLab(topology, names, options, macs, List.copyOf(created), wiring, agent);
            OPEN.add(lab);
            return lab;
        } catch (RuntimeException e) {
            if (agent != null) {
                agent.close();
            }
            deleteAll(created);
            throw e;
        }
    }

    /**
     * Deletes the namespaces of kernel labs with this prefix that crashed runs left behind: those whose
     * creating process is gone and which are older than {@code olderThan}. Labs of running processes
     * are never touched.
     *
     * @return the names of the namespaces deleted
     */
    public static List<String> cleanupStale(String prefix, Duration olderThan) {
        return StaleLabs.cleanup(prefix, olderThan);
    }

    public Topology topology() {
        return topology;
    }

    public LabNames names() {
        return names;
    }

    /** The name of a node's namespace, e.g. for {@code ip netns exec} by hand. */
    public String namespace(String node) {
        return netns(node).name();
    }

    /** Every namespace of the lab: the switch namespace first, then the nodes' in topology order. */
    public List<String> namespaces() {
        return namespaces.stream().map(Netns::name).toList();
    }

    /** The MAC of a node interface. */
    public MacAddress mac(String node, String iface) {
        MacAddress mac = macs.get(new NodeInterface(node, iface));
        if (mac == null) {
            throw unknownInterface(node, iface);
        }
        return mac;
    }

    /** Every node interface's MAC, in topology order. */
    public Map<NodeInterface, MacAddress> macs() {
        return macs;
    }

    /** Sends an exact packet from a node's own stack and watches with the lab's {@link Settle}. */
    public Observation send(String node, Ipv4Packet packet) {
        return send(node, packet, options.settle());
    }

    /**
     * Sends {@code packet} from {@code node} as a local program would with a raw socket
     * ({@code IP_HDRINCL}): the node routes it by its destination, resolves the next hop with ARP
     * (queueing the packet meanwhile), and runs it through OUTPUT and POSTROUTING. The bytes are
     * exactly {@link WireFormat#encode(Ipv4Packet)}'s, except that the kernel fills in an
     * identification of 0 (at random) and recomputes the header checksum.
     */
    public Observation send(String node, Ipv4Packet packet, Settle settle) {
        netns(node);
        KernelAgent.Outcome outcome = agent().send(node, packet.destination(), WireFormat.encode(packet), settle);
        return observation(new LocalSend(node, packet), outcome);
    }

    /** Delivers an exact frame to a node's interface from its segment and watches with the lab's {@link Settle}. */
    public Observation deliver(String node, String iface, EthernetFrame frame) {
        return deliver(node, iface, frame, options.settle());
    }

    /**
     * Delivers {@code frame} to {@code node}'s interface {@code iface} as if another station on its
     * segment had sent it: only that interface receives it (the bridge does not see it), and the
     * node handles it like any received frame, from PREROUTING on.
     */
    public Observation deliver(String node, String iface, EthernetFrame frame, Settle settle) {
        String port = port(node, iface);
        KernelAgent.Outcome outcome = agent().deliver(port, WireFormat.encode(frame), settle);
        return observation(new WireDelivery(node, iface, frame), outcome);
    }

    /** The node's {@code iptables-save -c} output (with iptables-save's time stamps). */
    public String iptablesSave(String node) {
        return netns(node).execChecked("iptables-save", "-c").stdout();
    }

    /** The node's {@code conntrack -L}: exit code, the entries on stdout and the summary line on stderr. */
    public ProcessResult conntrackList(String node) {
        return exec(node, List.of("conntrack", "-L"));
    }

    /** The node's {@code ip route show} output. */
    public String routes(String node) {
        return netns(node).execChecked("ip", "route", "show").stdout();
    }

    /** The node's {@code ip neigh show} output: its ARP cache. */
    public String neighbours(String node) {
        return netns(node).execChecked("ip", "neigh", "show").stdout();
    }

    /** Runs a program in a node's namespace ({@code ip netns exec}) with empty stdin. */
    public ProcessResult exec(String node, List<String> argv) {
        return exec(node, argv, "");
    }

    /** Runs a program in a node's namespace, feeding it {@code stdin}. */
    public ProcessResult exec(String node, List<String> argv, String stdin) {
        return netns(node).exec(argv, stdin, Netns.DEFAULT_TIMEOUT);
    }

    /** Stops the agent and deletes every namespace of the lab (with their bridges and veths); idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            agent.close();
        } finally {
            deleteAll(namespaces);
            OPEN.remove(this);
        }
    }

    @Override
    public String toString() {
        return "kernel lab " + topology.name() + " (" + names.switchNamespace() + ")";
    }

    private KernelAgent agent() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        return agent;
    }

    private Observation observation(Injection injection, KernelAgent.Outcome outcome) {
        List<CapturedFrame> frames = outcome.captures().stream()
                .map(c -> CapturedFrame.decode(c.node(), c.iface(), PacketType.of(c.packetType()), c.afterNanos(),
                        Bytes.of(c.bytes())))
                .toList();
        return new Observation(injection, outcome.failure(), frames);
    }

    private Netns netns(String node) {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        Netns netns = wiring.nodes().get(node);
        if (netns == null) {
            throw new KernelLabException("no node `" + node + "' in lab " + topology.name() + "; its nodes are "
                    + String.join(", ", wiring.nodes().keySet()));
        }
        return netns;
    }

    private String port(String node, String iface) {
        List<NodeSpec> nodes = topology.nodes();
        for (int n = 0; n < nodes.size(); n++) {
            List<InterfaceSpec> interfaces = nodes.get(n).interfaces();
            for (int i = 0; i < interfaces.size(); i++) {
                if (nodes.get(n).name().equals(node) && interfaces.get(i).name().equals(iface)) {
                    return LabNames.port(n, i);
                }
            }
        }
        throw unknownInterface(node, iface);
    }

    /** The error for an interface the lab lacks; an unknown node is reported as such. */
    private KernelLabException unknownInterface(String node, String iface) {
        netns(node); // throws when the node itself is unknown
        return new KernelLabException("node " + node + " has no interface `" + iface + "'; its interfaces are "
                + macs.keySet().stream().filter(k -> k.node().equals(node)).map(NodeInterface::iface)
                        .collect(Collectors.joining(", ")));
    }

    private static void deleteAll(List<Netns> namespaces) {
        List<Netns> all = new ArrayList<>(namespaces);
        Collections.reverse(all);
        all.forEach(Netns::close);
    }
}
