package io.nflab.lab;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node did in one call on its {@link NodeElement}: the frames it put on the wire, the notes for the
 * packets' stories, and, when its client program finished meanwhile, how it ended.
 */
public record NodeRun(List<Emitted> frames, List<StoryNote> notes, Optional<ClientResult> finished) {
    public static final NodeRun NOTHING = new NodeRun(List.of(), List.of(), Optional.empty());

    public NodeRun {
        frames = List.copyOf(frames);
        notes = List.copyOf(notes);
        Objects.requireNonNull(finished, "finished");
    }
}
