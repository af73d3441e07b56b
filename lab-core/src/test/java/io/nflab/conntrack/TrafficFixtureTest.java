package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays traffic recorded from the real kernel (fixtures/traffic-*.fixture.json, made by
 * kernel/record_traffic.py from the matching .scenario.json): the same packets at the same times must get
 * the same states, and /proc/net/nf_conntrack and every conntrack command the same output — in sorted
 * order and with timeouts at most a second apart (the kernel's clock ticks in jiffies from the moment it
 * saw a packet). Needs no root: this is the kernel comparison CI can always run.
 */
class TrafficFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"traffic-tcp-session", "traffic-udp-icmp", "traffic-tcp-edges"})
    void sameAsTheKernel(String name) throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("fixtures/" + name + ".fixture.json")) {
            fixture = JSON.readTree(in);
        }
        ProbeScenario scenario = ProbeScenario.fromJson(fixture.get("scenario"));
        List<JsonNode> kernel = new ArrayList<>();
        fixture.get("kernel").get("steps").forEach(kernel::add);
        String report = KernelComparisonTest.differences(scenario, kernel);
        assertTrue(report.isEmpty(), fixture.get("comment").asText() + "\n" + report);
    }
}
