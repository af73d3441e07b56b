package io.nflab.topology;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.diagnostics.UserInputException;
import io.nflab.diagnostics.ValidationException;
import io.nflab.yaml.MappingReader;
import io.nflab.yaml.YamlEntry;
import io.nflab.yaml.YamlNode;
import io.nflab.yaml.YamlTreeReader;
import io.nflab.yaml.YamlValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a topology file ({@code topology.yaml}, see docs/topology.md) into a {@link Topology},
 * reporting every problem as {@code FILE:LINE:COLUMN: message}. Rules files it names are read
 * relative to it.
 */
public final class TopologyLoader {
    static final List<String> KEYS = List.of("name", "description", "segments", "nodes");
    static final List<String> SEGMENT_KEYS = List.of("placement");

    private final Path file;
    private final Diagnostics problems;
    /** Node and segment names share one namespace: where each was defined. */
    private final Map<String, SourceLocation> names = new HashMap<>();

    private TopologyLoader(Path file, Diagnostics problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Loads a topology file.
     *
     * @throws ValidationException listing every problem in it
     * @throws UserInputException  when the file cannot be read at all
     */
    public static Topology load(Path file) {
        Diagnostics problems = new Diagnostics();
        Optional<Topology> topology;
        try {
            topology = read(file, problems);
        } catch (IOException e) {
            throw new UserInputException("cannot read topology " + file + ": " + IoErrors.describe(e));
        }
        problems.throwIfAny();
        return topology.orElseThrow();
    }

    /**
     * Reads a topology file, adding its problems to {@code problems} (for callers that validate several
     * files at once).
     *
     * @return the topology, or empty when it has problems
     * @throws IOException when the file cannot be read at all
     */
    public static Optional<Topology> read(Path file, Diagnostics problems) throws IOException {
        int before = problems.count();
        Optional<YamlNode> root = YamlTreeReader.read(file, problems);
        if (root.isEmpty()) {
            if (problems.count() == before) {
                problems.error(SourceLocation.startOf(file.toString()),
                        "empty topology; expected a mapping with keys: " + String.join(", ", KEYS));
            }
            return Optional.empty();
        }
        Optional<Topology> topology = new TopologyLoader(file, problems).topology(root.get());
        return problems.count() == before ? topology : Optional.empty();
    }

    private Optional<Topology> topology(YamlNode root) {
        int before = problems.count();
        Optional<MappingReader> opened = MappingReader.open(root, "the topology", problems, KEYS);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        MappingReader topology = opened.get();
        Optional<String> name = topology.required("name", YamlValues.string()).filter(n -> {
            if (Names.isValidName(n)) {
                return true;
            }
            problems.error(topology.valueLocation("name"), "invalid lab name `" + n
                    + "'; expected 1 to 63 letters, digits, `-' or `_', starting with a letter or digit");
            return false;
        });
        Optional<String> description = topology.optional("description", YamlValues.string());
        List<SegmentSpec> segments = topology.required("segments", YamlValues.entries())
                .map(this::segments).orElse(List.of());
        Set<String> segmentNames = new LinkedHashSet<>();
        segments.forEach(s -> segmentNames.add(s.name()));
        NodeReader nodeReader = new NodeReader(file, segmentNames, new SegmentClaims(problems), problems);
        List<NodeSpec> nodes = new ArrayList<>();
        topology.required("nodes", YamlValues.entries()).ifPresent(entries -> {
            if (entries.isEmpty()) {
                problems.error(topology.valueLocation("nodes"), "a topology needs at least one node under `nodes'");
            }
            for (YamlEntry entry : entries) {
                if (Names.checkName(entry, "node", problems) && isNewName(entry, "node")) {
                    nodeReader.read(entry).ifPresent(nodes::add);
                }
            }
        });
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new Topology(name.get(), description, segments, nodes));
    }

    private List<SegmentSpec> segments(List<YamlEntry> entries) {
        List<SegmentSpec> segments = new ArrayList<>();
        for (YamlEntry entry : entries) {
            if (!Names.checkName(entry, "segment", problems) || !isNewName(entry, "segment")) {
                continue;
            }
            MappingReader.open(entry.value(), "segment `" + entry.key() + "'", problems, SEGMENT_KEYS)
                    .ifPresent(segment -> segments.add(new SegmentSpec(entry.key(),
                            segment.optional("placement", YamlValues.string().map(Placement::new)))));
        }
        return segments;
    }

    /** Node and segment names must differ, so a fault or an expectation names one thing. */
    private boolean isNewName(YamlEntry entry, String what) {
        SourceLocation first = names.putIfAbsent(entry.key(), entry.keyLocation());
        if (first == null) {
            return true;
        }
        problems.error(entry.keyLocation(), "the " + what + " name `" + entry.key()
                + "' is already the name of the segment at line " + first.line()
                + "; nodes and segments need distinct names");
        return false;
    }
}
