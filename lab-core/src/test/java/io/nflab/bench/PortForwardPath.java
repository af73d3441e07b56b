package io.nflab.bench;

import io.nflab.lab.ClientResult;
import io.nflab.lab.ElementLoop;
import io.nflab.lab.NodeElement;
import io.nflab.lab.StoryNote;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure lab elements of a topology in the {@link ElementLoop} {@code LocalLab} runs, without a story book
 * or activities: what a packet costs in the elements themselves. The notes of the last {@link #send} are
 * kept for checks.
 */
final class PortForwardPath implements ElementLoop.Reports {
    private final ElementLoop loop;
    private final List<StoryNote> notes = new ArrayList<>();

    PortForwardPath(Topology topology, Tracing tracing) {
        loop = new ElementLoop(topology, tracing, this);
    }

    NodeElement node(String name) {
        return loop.node(name);
    }

    /** {@code packet} written by {@code node}'s stack, then every instant until no frame is in flight. */
    void send(String node, Ipv4Packet packet) {
        notes.clear();
        loop.send(loop.node(node), packet);
        loop.settle();
    }

    /** The fates the last {@link #send} reported, in order. */
    List<Fate> ends() {
        return notes.stream().filter(n -> n instanceof StoryNote.Ended).map(n -> ((StoryNote.Ended) n).fate())
                .toList();
    }

    @Override
    public void notes(List<StoryNote> more) {
        for (int i = 0; i < more.size(); i++) { // addAll would copy the list into an array first
            notes.add(more.get(i));
        }
    }

    @Override
    public void finished(ClientResult result) {
        // no client runs on this path
    }
}
