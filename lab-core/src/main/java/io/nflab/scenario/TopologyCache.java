package io.nflab.scenario;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads each topology file once for all the scenarios that name it, so its problems are reported once;
 * a file that cannot be read is reported at every place that names it.
 */
public final class TopologyCache implements TopologySource {
    private record Entry(Optional<Topology> topology, Optional<String> ioError) {
    }

    private final Map<Path, Entry> loaded = new HashMap<>();

    @Override
    public Optional<Topology> topology(Path file, SourceLocation referencedAt, Diagnostics problems) {
        Entry entry = loaded.computeIfAbsent(file.toAbsolutePath().normalize(), key -> load(file, problems));
        entry.ioError().ifPresent(error ->
                problems.error(referencedAt, "cannot read topology " + file + ": " + error));
        return entry.topology();
    }

    private static Entry load(Path file, Diagnostics problems) {
        try {
            return new Entry(TopologyLoader.read(file, problems), Optional.empty());
        } catch (IOException e) {
            return new Entry(Optional.empty(), Optional.of(IoErrors.describe(e)));
        }
    }
}
