package io.nflab.netfilter.eval;

import java.util.ArrayList;
import java.util.List;

/** A {@link PacketLog} that keeps what it is given. */
final class RecordingLog implements PacketLog {
    final List<String> lines = new ArrayList<>();
    final List<Integer> levels = new ArrayList<>();
    final List<TraceEntry> traces = new ArrayList<>();

    @Override
    public void log(int level, String line) {
        levels.add(level);
        lines.add(line);
    }

    @Override
    public void trace(TraceEntry entry) {
        traces.add(entry);
    }

    /** The traces as {@code table:chain:step:number}. */
    List<String> tracePlaces() {
        List<String> places = new ArrayList<>();
        for (TraceEntry entry : traces) {
            Place place = entry.place();
            places.add(place.table().label() + ":" + place.chain() + ":" + place.step().text() + ":" + place.number());
        }
        return places;
    }
}
