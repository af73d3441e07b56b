package io.nflab.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.scenario.Action;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which {@code ip} steps a kernel comparison runs: rule and route commands, not link, addr or neigh. */
class StepPlanTest {
    private static final Topology TOPOLOGY = TopologyLoader.load(Path.of("../topologies/mark-routing/topology.yaml"));

    @ParameterizedTest
    @ValueSource(strings = {"rule", "ru list", "route get 198.18.0.10 mark 2", "-4 route show table 100",
        "r", "rule add to 198.18.0.99 prohibit pref 100"})
    void ipRuleAndRouteStepsAreCompared(String command) {
        assertEquals(Optional.empty(), StepPlan.DEFAULT.reasonNotRun(ip(command), TOPOLOGY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"link", "addr show dev eth0", "a", "-br link", "neigh", "maddr"})
    void otherIpStepsAreLeftOutWithTheReason(String command) {
        Optional<String> reason = StepPlan.DEFAULT.reasonNotRun(ip(command), TOPOLOGY);
        assertTrue(reason.isPresent() && reason.get().contains("`ip " + command + "'"), reason.toString());
    }

    private static Action.Command ip(String command) {
        return new Action.Command(Action.Tool.IP, "gw", List.of(command.split(" ")));
    }
}
