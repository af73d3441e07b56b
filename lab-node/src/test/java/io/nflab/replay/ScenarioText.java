package io.nflab.replay;

import io.nflab.cli.LabLocator;
import io.nflab.scenario.Expectation;
import io.nflab.scenario.Scenario;
import io.nflab.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Scenarios written in the scenario language for tests, against the repository's port-forward lab. */
final class ScenarioText {
    static final Path REPOSITORY = Path.of(System.getProperty(LabLocator.REPOSITORY_PROPERTY));
    static final Path PORT_FORWARD = REPOSITORY.resolve("topologies/port-forward");

    private ScenarioText() {
    }

    /** Loads {@code steps} (YAML list items, each on its own line starting with {@code - }) as a scenario file. */
    static Scenario scenario(Path directory, String name, String... steps) {
        StringBuilder text = new StringBuilder("name: " + name + "\ntopology: "
                + PORT_FORWARD.resolve("topology.yaml") + "\nsteps:\n");
        for (String step : steps) {
            text.append("  ").append(step).append('\n');
        }
        try {
            Path file = directory.resolve(name + ".yaml");
            Files.writeString(file, text);
            return ScenarioLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expectations of one step, written as a one-line YAML flow mapping, e.g. {@code {send: …, expect: …}}. */
    static List<Expectation> expectations(String step) {
        try {
            Path directory = Files.createTempDirectory("nflab-expect");
            try {
                return scenario(directory, "one", "- " + step).steps().get(0).expectations();
            } finally {
                try (var files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Expectation expectation(String step) {
        List<Expectation> all = expectations(step);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one expectation in " + step);
        }
        return all.get(0);
    }
}
