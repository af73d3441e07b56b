package io.nflab.replay;

import io.nflab.scenario.LabLoader;
import io.nflab.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every scenario of every lab in the repository's {@code topologies/} folder, lab by lab in name order. */
final class RepositoryScenarios {
    static final Path TOPOLOGIES = ScenarioText.REPOSITORY.resolve("topologies");

    private RepositoryScenarios() {
    }

    /** The labs: folders of {@code topologies/} with a {@code topology.yaml}. */
    static List<Path> labs() {
        try (Stream<Path> entries = Files.list(TOPOLOGIES)) {
            return entries.filter(d -> Files.isRegularFile(d.resolve(LabLoader.TOPOLOGY_FILE))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every lab's scenarios, loaded with their topology (a broken lab fails the caller loudly). */
    static List<Scenario> all() {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path lab : labs()) {
            scenarios.addAll(LabLoader.load(lab).scenarios());
        }
        return scenarios;
    }
}
