package io.nflab.scenario;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.topology.Topology;
import java.nio.file.Path;
import java.util.Optional;

/** Gives scenarios the topology they name; {@link TopologyCache} reads each file once. */
@FunctionalInterface
public interface TopologySource {

    /**
     * @param file         the topology file
     * @param referencedAt where the scenario names it, to report a file that cannot be read
     * @return the topology, or empty after its problems were reported
     */
    Optional<Topology> topology(Path file, SourceLocation referencedAt, Diagnostics problems);
}
