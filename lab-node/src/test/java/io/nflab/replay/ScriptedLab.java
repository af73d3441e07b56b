package io.nflab.replay;

import io.nflab.lab.Activity;
import io.nflab.lab.LabSession;
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.PacketStory;
import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.Fault;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A test double of a running lab: it writes down every call in the order it came (as one line of text)
 * and answers each with what {@code answers} makes of that line; its clock moves 1 µs per call.
 */
final class ScriptedLab implements LabSession {
    private final Topology topology;
    private final Function<String, Activity> answers;
    private final List<String> calls = new ArrayList<>();
    private long clock;
    private boolean closed;

    ScriptedLab(Topology topology, Function<String, Activity> answers) {
        this.topology = topology;
        this.answers = answers;
    }

    List<String> calls() {
        return calls;
    }

    boolean closed() {
        return closed;
    }

    private Activity call(String line) {
        calls.add(line);
        clock += 1000;
        return answers.apply(line);
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public long clock() {
        return clock;
    }

    @Override
    public Activity send(String node, Ipv4Packet packet) {
        return call("send " + node + " " + packet);
    }

    @Override
    public Activity sendAll(String node, List<Ipv4Packet> packets) {
        return call("sendAll " + node + " " + packets);
    }

    @Override
    public Activity command(String node, List<String> argv, String stdin) {
        return call("command " + node + " " + String.join(" ", argv) + (stdin.isEmpty() ? "" : " <<< " + stdin.strip()));
    }

    @Override
    public Activity advance(long nanos) {
        return call("advance " + nanos);
    }

    @Override
    public Activity fault(Fault fault) {
        return call("fault " + fault);
    }

    @Override
    public Optional<PacketStory> packet(long id) {
        return Optional.empty();
    }

    @Override
    public LabSnapshot snapshot() {
        calls.add("snapshot");
        return new LabSnapshot(clock, Map.of("gw", new LabSnapshot.NodeState("*filter\nCOMMIT\n", "")));
    }

    @Override
    public void close() {
        closed = true;
    }
}
