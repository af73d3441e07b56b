package io.nflab.console;

import io.nflab.lab.Activity;
import io.nflab.lab.LabSession;
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.PacketStory;
import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.Fault;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lab for console tests: it records every call, answers a command with what is queued for it
 * ({@link #answer}) or with an echo of its argv and stdin, and keeps the stories of the packets it answered with.
 */
final class ScriptedLab implements LabSession {
    static final Path PORT_FORWARD = Path.of(System.getProperty("nflab.repo"), "topologies", "port-forward");

    final List<String> calls = new ArrayList<>();
    private final Topology topology;
    private final Map<String, Activity> answers = new HashMap<>();
    private final Map<Long, PacketStory> stories = new HashMap<>();
    private final java.util.Set<Long> forgotten = new java.util.HashSet<>();
    private long clock;

    ScriptedLab(Topology topology) {
        this.topology = topology;
    }

    static ScriptedLab portForward() {
        return new ScriptedLab(TopologyLoader.load(PORT_FORWARD.resolve("topology.yaml")));
    }

    /** The activity {@code node argv…} answers with (the words joined by blanks). */
    void answer(String commandLine, Activity activity) {
        answers.put(commandLine, activity);
        activity.packets().forEach(story -> stories.put(story.id(), story));
    }

    static Activity output(String stdout, String stderr, int exitCode, List<PacketStory> packets) {
        return new Activity(0, 0, stdout, stderr, exitCode, Optional.empty(), packets, List.of());
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
        throw new UnsupportedOperationException("the console does not send raw packets");
    }

    @Override
    public Activity sendAll(String node, List<Ipv4Packet> packets) {
        throw new UnsupportedOperationException("the console does not send raw packets");
    }

    @Override
    public Activity command(String node, List<String> argv, String stdin) {
        String line = node + " " + String.join(" ", argv);
        calls.add(line + (stdin.isEmpty() ? "" : " <<<" + stdin));
        Activity answer = answers.get(line);
        return answer != null ? answer
                : output("ran " + argv + (stdin.isEmpty() ? "" : " with stdin " + stdin.length() + " bytes") + "\n", "", 0,
                        List.of());
    }

    @Override
    public Activity advance(long nanos) {
        calls.add("advance " + nanos);
        long start = clock;
        clock += nanos;
        return new Activity(start, clock, "", "", 0, Optional.empty(), List.of(), List.of());
    }

    @Override
    public Activity fault(Fault fault) {
        calls.add("fault " + fault);
        return output("", "", 0, List.of());
    }

    @Override
    public Optional<PacketStory> packet(long id) {
        return Optional.ofNullable(stories.get(id));
    }

    /** Packet {@code id} existed, but the lab no longer keeps its story. */
    void forget(long id) {
        stories.remove(id);
        forgotten.add(id);
    }

    @Override
    public boolean forgotten(long id) {
        return forgotten.contains(id);
    }

    @Override
    public LabSnapshot snapshot() {
        return new LabSnapshot(clock, Map.of());
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
