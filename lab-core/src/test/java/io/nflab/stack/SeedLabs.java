package io.nflab.stack;

import io.nflab.scenario.Lab;
import io.nflab.scenario.LabLoader;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shipped labs of {@code topologies/}, found through the system property {@code nflab.repo} or by
 * walking up from the working directory to the folder that holds {@code topologies/}.
 */
final class SeedLabs {
    private SeedLabs() {
    }

    /** The repository's {@code topologies/} folder. */
    static Path topologies() {
        String repo = System.getProperty("nflab.repo");
        if (repo != null && !repo.isBlank()) {
            return Path.of(repo, "topologies");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("topologies")) && Files.isRegularFile(dir.resolve("topologies/pom.xml"))) {
                return dir.resolve("topologies");
            }
        }
        throw new IllegalStateException("no topologies/ folder above " + Path.of("").toAbsolutePath()
                + "; set -Dnflab.repo=REPOSITORY");
    }

    static Path lab(String name) {
        return topologies().resolve(name);
    }

    /** The topology of lab {@code name}, loaded from its {@code topology.yaml}. */
    static Topology topology(String name) {
        return TopologyLoader.load(lab(name).resolve(LabLoader.TOPOLOGY_FILE));
    }

    /** Another topology file of lab {@code name} (a variant some of its scenarios use). */
    static Topology topology(String name, String file) {
        return TopologyLoader.load(lab(name).resolve(file));
    }

    /** The lab with its scenarios. */
    static Lab load(String name) {
        return LabLoader.load(lab(name));
    }

    /** The names of every lab folder under {@code topologies/}. */
    static List<String> names() {
        try (Stream<Path> dirs = Files.list(topologies())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(LabLoader.TOPOLOGY_FILE)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
