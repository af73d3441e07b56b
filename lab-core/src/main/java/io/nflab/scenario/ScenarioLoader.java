package io.nflab.scenario;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.diagnostics.UserInputException;
import io.nflab.diagnostics.ValidationException;
import io.nflab.topology.Topology;
import io.nflab.yaml.MappingReader;
import io.nflab.yaml.YamlEntry;
import io.nflab.yaml.YamlMapping;
import io.nflab.yaml.YamlNode;
import io.nflab.yaml.YamlTreeReader;
import io.nflab.yaml.YamlValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a scenario file (see docs/scenario.md) and the topology it runs against into a {@link Scenario},
 * reporting every problem in both as {@code FILE:LINE:COLUMN: message}.
 */
public final class ScenarioLoader {
    static final List<String> KEYS = List.of("name", "description", "topology", "steps");
    static final List<String> STEP_KEYS = Stream.of(List.of("name"), ActionReader.keywords(), List.of("expect"))
            .flatMap(List::stream).toList();
    /** Where a scenario's topology is when it names none: scenarios live in LAB/scenarios/. */
    static final String DEFAULT_TOPOLOGY = "../topology.yaml";

    private final Path file;
    private final Diagnostics problems;

    private ScenarioLoader(Path file, Diagnostics problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Loads a scenario file and its topology.
     *
     * @throws ValidationException listing every problem in them
     * @throws UserInputException  when the scenario file cannot be read at all
     */
    public static Scenario load(Path file) {
        Diagnostics problems = new Diagnostics();
        Optional<Scenario> scenario;
        try {
            scenario = read(file, new TopologyCache(), problems);
        } catch (IOException e) {
            throw new UserInputException("cannot read scenario " + file + ": " + IoErrors.describe(e));
        }
        problems.throwIfAny();
        return scenario.orElseThrow();
    }

    /**
     * Reads a scenario file, adding its problems (and its topology's) to {@code problems}.
     *
     * @return the scenario, or empty when it or its topology has problems
     * @throws IOException when the scenario file cannot be read at all
     */
    public static Optional<Scenario> read(Path file, TopologySource topologies, Diagnostics problems) throws IOException {
        int before = problems.count();
        Optional<YamlNode> root = YamlTreeReader.read(file, problems);
        if (root.isEmpty()) {
            if (problems.count() == before) {
                problems.error(SourceLocation.startOf(file.toString()),
                        "empty scenario; expected a mapping with keys: " + String.join(", ", KEYS));
            }
            return Optional.empty();
        }
        Optional<Scenario> scenario = new ScenarioLoader(file, problems).scenario(root.get(), topologies);
        return problems.count() == before ? scenario : Optional.empty();
    }

    /** Whether a YAML file is a scenario rather than a topology: its top level has {@code steps}. */
    public static boolean isScenario(Path file) throws IOException {
        return YamlTreeReader.read(file, new Diagnostics())
                .filter(YamlMapping.class::isInstance)
                .map(root -> ((YamlMapping) root).entry("steps").isPresent())
                .orElse(false);
    }

    private Optional<Scenario> scenario(YamlNode root, TopologySource topologies) {
        Optional<MappingReader> opened = MappingReader.open(root, "the scenario", problems, KEYS);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        MappingReader scenario = opened.get();
        String name = scenario.optional("name", YamlValues.string(), baseName(file));
        Optional<String> description = scenario.optional("description", YamlValues.string());
        Optional<Topology> topology = topology(scenario, topologies);
        TopologyReferences references = new TopologyReferences(topology, problems);
        StepReader stepReader = new StepReader(new ActionReader(references, problems),
                new ExpectationReader(references, problems), problems);
        List<YamlNode> written = scenario.required("steps", YamlValues.sequence()).orElse(List.of());
        if (scenario.has("steps") && written.isEmpty()) {
            problems.error(scenario.valueLocation("steps"), "a scenario needs at least one step under `steps'");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            stepReader.read(written.get(i), "step " + (i + 1)).ifPresent(steps::add);
        }
        return topology.isEmpty() || steps.isEmpty() || steps.size() != written.size()
                ? Optional.empty()
                : Optional.of(new Scenario(name, description, topology.get(), steps));
    }

    private Optional<Topology> topology(MappingReader scenario, TopologySource topologies) {
        if (scenario.has("topology")) {
            return scenario.optional("topology", YamlValues.string()).flatMap(name ->
                    topologies.topology(file.resolveSibling(name).normalize(), scenario.valueLocation("topology"), problems));
        }
        return topologies.topology(file.resolveSibling(DEFAULT_TOPOLOGY).normalize(), scenario.location(), problems);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Reads one item of {@code steps}. */
    private record StepReader(ActionReader actions, ExpectationReader expectations, Diagnostics problems) {

        /** @param step how messages name the step, "step N" */
        Optional<Step> read(YamlNode node, String step) {
            int before = problems.count();
            Optional<MappingReader> opened = MappingReader.open(node, step, problems, STEP_KEYS);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            MappingReader m = opened.get();
            Optional<String> name = m.optional("name", YamlValues.string());
            List<YamlEntry> written = m.entriesAmong(ActionReader.keywords());
            if (written.isEmpty()) {
                if (!m.hasUnknownKeys()) { // an unknown key is most likely the action, misspelt: reported already
                    problems.error(m.location(), step + " has no action; expected one of: "
                            + String.join(", ", ActionReader.keywords()));
                }
                return Optional.empty();
            }
            if (written.size() > 1) {
                problems.error(written.get(1).keyLocation(), step + " has two actions, `" + written.get(0).key()
                        + "' and `" + written.get(1).key() + "'; give each its own step");
            }
            Optional<? extends Action> action = actions.read(written.get(0).key(), written.get(0).value(), step);
            List<Expectation> expected = m.node("expect")
                    .map(expect -> expectations.read(expect, step, action))
                    .orElse(List.of());
            if (problems.count() != before || action.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Step(node.location(), name, action.get(), expected));
        }
    }
}
