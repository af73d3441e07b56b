package io.nflab.lab;

import io.nflab.address.MacAddress;
import io.nflab.kernel.NodeInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One lab segment (an L2 broadcast domain) as a learning switch: it learns which port each source MAC
 * is behind, sends a frame for a learnt unicast MAC to that port only, and floods broadcasts, multicasts
 * and unknown destinations to every other port. Flooding never changes what a lab does, only how many
 * frames it moves: a node's interface ignores frames for other MACs, as a NIC filters them.
 *
 * <p>With a loss share set ({@link #loss}), each frame is lost or not by a draw seeded from the segment's
 * name and the frame's {@code (origin, sequence)}: the same frames are lost in every run and every runtime.
 */
public final class SegmentSwitch {
    private final String name;
    private final List<NodeInterface> ports;
    private final Map<MacAddress, NodeInterface> learnt = new HashMap<>();
    /** Per port: a frame for that port only, and a frame flooded from it (made once: carrying allocates nothing). */
    private final Map<NodeInterface, Carried> toPort = new HashMap<>();
    private final Map<NodeInterface, Carried> floodFrom = new HashMap<>();
    private double lossPercent;

    private static final Carried NOWHERE = new Carried(List.of(), false);
    private static final Carried LOST = new Carried(List.of(), true);

    /** What became of one frame: the ports it goes to, or lost. */
    public record Carried(List<NodeInterface> to, boolean lost) {
        public Carried {
            to = List.copyOf(to);
        }
    }

    public SegmentSwitch(String name, List<NodeInterface> ports) {
        this.name = Objects.requireNonNull(name, "name");
        this.ports = List.copyOf(ports);
        for (NodeInterface port : this.ports) {
            toPort.put(port, new Carried(List.of(port), false));
            floodFrom.put(port, flood(port));
        }
    }

    public String name() {
        return name;
    }

    public List<NodeInterface> ports() {
        return ports;
    }

    /** From now on {@code percent} of the frames are lost (0 restores the segment). */
    public void loss(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("loss percent out of range 0-100: " + percent);
        }
        lossPercent = percent;
    }

    public double lossPercent() {
        return lossPercent;
    }

    /** Carries {@code frame}, sent from port {@code from}: learns its source, picks its ports. */
    public Carried carry(NodeInterface from, LabFrame frame) {
        if (lossPercent > 0 && lost(frame)) {
            return LOST;
        }
        MacAddress source = frame.frame().source();
        if (!source.equals(MacAddress.BROADCAST)) {
            learnt.put(source, from);
        }
        NodeInterface known = learnt.get(frame.frame().destination());
        if (known != null) {
            return known.equals(from) ? NOWHERE : toPort.get(known);
        }
        Carried flood = floodFrom.get(from);
        return flood != null ? flood : flood(from);
    }

    /** A frame from {@code from} for every other port. */
    private Carried flood(NodeInterface from) {
        List<NodeInterface> others = new ArrayList<>(ports.size());
        for (NodeInterface port : ports) {
            if (!port.equals(from)) {
                others.add(port);
            }
        }
        return new Carried(others, false);
    }

    private boolean lost(LabFrame frame) {
        long seed = name.hashCode() * 0x9E3779B97F4A7C15L ^ ((long) frame.origin() << 40) ^ frame.sequence();
        return new SplittableRandom(seed).nextDouble() * 100 < lossPercent;
    }
}
