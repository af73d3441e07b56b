package io.nflab.scenario;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.diagnostics.UserInputException;
import io.nflab.diagnostics.ValidationException;
import io.nflab.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a lab folder: {@code topology.yaml} and every {@code scenarios/*.yaml}, reporting the problems of
 * all its files together.
 */
public final class LabLoader {
    public static final String TOPOLOGY_FILE = "topology.yaml";
    public static final String SCENARIOS_FOLDER = "scenarios";

    private LabLoader() {
    }

    /**
     * @throws ValidationException listing every problem in the lab's files
     * @throws UserInputException  when the folder holds no readable topology.yaml
     */
    public static Lab load(Path directory) {
        Path topologyFile = directory.resolve(TOPOLOGY_FILE);
        if (!Files.isRegularFile(topologyFile)) {
            throw new UserInputException("no " + TOPOLOGY_FILE + " in " + directory + "; a lab folder holds one");
        }
        Diagnostics problems = new Diagnostics();
        TopologyCache topologies = new TopologyCache();
        Optional<Topology> topology = topologies.topology(topologyFile, SourceLocation.startOf(topologyFile.toString()), problems);
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : scenarioFiles(directory)) {
            try {
                ScenarioLoader.read(file, topologies, problems).ifPresent(scenarios::add);
            } catch (IOException e) {
                problems.error(SourceLocation.startOf(file.toString()), "cannot read scenario: " + IoErrors.describe(e));
            }
        }
        problems.throwIfAny();
        return new Lab(topology.orElseThrow(), scenarios);
    }

    /** The lab's scenario files ({@code scenarios/*.yaml}), sorted by name. */
    public static List<Path> scenarioFiles(Path directory) {
        Path folder = directory.resolve(SCENARIOS_FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UserInputException("cannot list " + folder + ": " + IoErrors.describe(e));
        }
    }
}
