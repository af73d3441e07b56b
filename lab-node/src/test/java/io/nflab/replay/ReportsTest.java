package io.nflab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nflab.lab.Activity;
import io.nflab.lab.Hop;
import io.nflab.lab.PacketStory;
import io.nflab.netfilter.Hook;
import io.nflab.scenario.Scenario;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The three reports of one replay with a passing and a failing step: their shape, read back. */
class ReportsTest {
    private static final String SYN = "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S";
    private static final String DNATED = "tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S ttl 63";
    private static final String SYN_ACK = "tcp 192.168.1.2:8080 > 203.0.113.10:40000 flags SA";
    private static final String TO_SSH = "tcp 203.0.113.10:40001 > 192.168.1.2:22 flags S";
    private static final Instant START = Instant.parse("2026-11-25T16:00:00.25Z");

    @TempDir
    Path directory;
    private ReplayResult result;

    @BeforeEach
    void replay() {
        Scenario scenario = ScenarioText.scenario(directory, "report",
                "- name: the SYN arrives DNATed\n    send: { from: client, packet: \"" + SYN + "\" }\n"
                        + "    expect: { delivered: { node: web, dport: 8080 } }",
                "- send: { from: client, packet: \"" + TO_SSH + "\" }\n"
                        + "    expect: { delivered: { node: web, dport: 22 } }",
                "- conntrack: { on: gw }\n    expect: { output: { contains: \"dport=80\" } }");
        ScriptedLab lab = new ScriptedLab(scenario.topology(), line -> {
            if (line.startsWith("send client " + SYN)) {
                PacketStory syn = new PacketStory(1, 0, "client", 0, Stories.packet(SYN),
                        List.of(Stories.delivered("web", "eth0", DNATED)), List.of(
                        new Hop("client", 0, "", "eth0", "OUTPUT", "filter", "OUTPUT", Hop.NO_RULE, "policy ACCEPT"),
                        new Hop("gw", 1000, "eth0", "", "PREROUTING", "nat", "PREROUTING", 1,
                                "DNAT to 192.168.1.2:8080")));
                PacketStory synAck = Stories.story(2, 1, "web", SYN_ACK, Stories.delivered("client", "eth0", SYN_ACK));
                return new Activity(0, 3000, "", "", 0, Optional.empty(), List.of(syn, synAck), List.of());
            }
            if (line.startsWith("send")) {
                return Stories.activity(new PacketStory(3, 0, "client", 5000, Stories.packet(TO_SSH),
                        List.of(Stories.droppedByPolicy("gw", Hook.FORWARD, "FORWARD", 2, TO_SSH)), List.of(
                        new Hop("gw", 6000, "eth0", "eth1", "FORWARD", "filter", "FORWARD", Hop.NO_RULE,
                                "policy DROP"))));
            }
            return Stories.output(0, "tcp      6 431999 ESTABLISHED src=203.0.113.10 dst=203.0.113.1 sport=40000"
                    + " dport=80\n", "conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n");
        });
        Clock wall = Clock.fixed(START, ZoneOffset.UTC);
        result = new ReplayResult(List.of(new Replayer(t -> lab, wall).replay(scenario)), START, java.time.Duration.ZERO);
    }

    @Test
    void json() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.text(result));
        assertEquals("nflab-replay-report/1", root.get("format").asText());
        assertEquals("failed", root.get("result").asText());
        assertEquals("2026-11-25T16:00:00.250Z", root.at("/wallClock/startedAt").asText());
        JsonNode scenario = root.at("/scenarios/0");
        assertEquals("report", scenario.get("name").asText());
        assertEquals("port-forward", scenario.get("lab").asText());
        assertEquals(directory.resolve("report.yaml").toString(), scenario.get("file").asText());
        assertEquals(3, scenario.get("steps").size());

        JsonNode first = scenario.at("/steps/0");
        assertEquals(1, first.get("number").asInt());
        assertEquals("the SYN arrives DNATed", first.get("name").asText());
        assertEquals("client: send " + SYN, first.get("action").asText());
        assertEquals(4, first.at("/location/line").asInt());
        assertEquals("passed", first.get("result").asText());
        assertEquals(0, first.at("/labClock/startNanos").asLong());
        assertEquals(3000, first.at("/labClock/endNanos").asLong());
        JsonNode expectation = first.at("/expectations/0");
        assertEquals("delivered", expectation.get("kind").asText());
        assertEquals("delivered on web with dport 8080", expectation.get("text").asText());
        assertTrue(expectation.get("held").asBoolean());
        assertEquals(1, expectation.at("/packets/0").asLong());
        JsonNode delivered = first.at("/packets/0/ends/0");
        assertEquals("delivered", delivered.get("fate").asText());
        assertEquals("web", delivered.get("node").asText());
        assertEquals("eth0", delivered.get("interface").asText());
        assertEquals("192.168.1.2", delivered.at("/packet/dst").asText());
        assertEquals(8080, delivered.at("/packet/dport").asInt());
        assertEquals(63, delivered.at("/packet/ttl").asInt());
        assertEquals("S", delivered.at("/packet/flags").asText());
        assertEquals("tcp", delivered.at("/packet/proto").asText());
        assertTrue(delivered.at("/packet/icmpType").isNull());
        JsonNode hop = first.at("/packets/0/trace/1");
        assertEquals("gw", hop.get("node").asText());
        assertEquals("PREROUTING", hop.get("hook").asText());
        assertEquals("nat", hop.get("table").asText());
        assertEquals(1, hop.get("rule").asInt());
        assertEquals("DNAT to 192.168.1.2:8080", hop.get("what").asText());
        assertTrue(first.at("/packets/0/trace/0/rule").isNull(), "a policy hop has no rule number");
        assertEquals(1, first.at("/packets/1/causeId").asLong());

        JsonNode second = scenario.at("/steps/1");
        assertEquals("failed", second.get("result").asText());
        assertTrue(second.get("name").isNull());
        JsonNode dropped = second.at("/packets/0/ends/0");
        assertEquals("dropped", dropped.get("fate").asText());
        assertEquals("FORWARD", dropped.get("hook").asText());
        assertEquals("filter", dropped.get("table").asText());
        assertEquals("FORWARD", dropped.get("chain").asText());
        assertEquals("policy", dropped.get("rule").asText());
        assertTrue(second.at("/expectations/0/explanation").asText()
                .startsWith("no packet of the step was delivered on web"));

        JsonNode third = scenario.at("/steps/2");
        assertEquals(0, third.get("exitCode").asInt());
        assertTrue(third.get("stdout").asText().contains("dport=80"));
        assertTrue(third.get("connection").isNull());
        assertEquals("*filter\nCOMMIT\n", scenario.at("/final/nodes/gw/iptablesSave").asText());
        assertEquals("", scenario.at("/final/nodes/gw/conntrack").asText());
        assertTrue(third.at("/wallClock/durationMillis").isNumber());
    }

    @Test
    void junitIsValidAndCarriesTheFailure() throws Exception {
        String xml = JunitReport.text(result);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(getClass().getResourceAsStream("junit-report.xsd")))
                .newValidator().validate(new StreamSource(new StringReader(xml)));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
        Element suites = document.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        assertEquals("3", suites.getAttribute("tests"));
        assertEquals("1", suites.getAttribute("failures"));
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertEquals("report", suite.getAttribute("name"));
        assertEquals("2026-11-25T16:00:00", suite.getAttribute("timestamp"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element failed = (Element) cases.item(1);
        assertEquals("port-forward.report", failed.getAttribute("classname"));
        assertEquals("2. client: send " + TO_SSH + " (" + directory.resolve("report.yaml") + ":7:5)",
                failed.getAttribute("name"));
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("expected delivered on web with dport 22", failure.getAttribute("message"));
        assertEquals("expectation", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("trace of packet 3 (" + TO_SSH + ", from client):\n"
                + "  0.000006s  gw  FORWARD  filter FORWARD  IN=eth0 OUT=eth1  policy DROP\n"), failure.getTextContent());
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
        assertTrue(((Element) cases.item(2)).getElementsByTagName("system-out").item(0).getTextContent()
                .contains("dport=80"));
    }

    @Test
    void human() {
        String file = directory.resolve("report.yaml").toString();
        assertEquals("scenario report (" + file + ", lab port-forward)\n"
                + "  ✓ 1. the SYN arrives DNATed  (" + file + ":4:5)\n"
                + "  ✗ 2. client: send " + TO_SSH + "  (" + file + ":7:5)\n"
                + "      expected delivered on web with dport 22\n"
                + "        no packet of the step was delivered on web\n"
                + "        instead:\n"
                + "          packet 3 (" + TO_SSH + ", from client): dropped on gw by filter FORWARD policy DROP\n"
                + "      trace of packet 3 (" + TO_SSH + ", from client):\n"
                + "        0.000006s  gw  FORWARD  filter FORWARD  IN=eth0 OUT=eth1  policy DROP\n"
                + "  ✓ 3. gw: conntrack -L  (" + file + ":9:5)\n"
                + "  2 passed, 1 failed\n"
                + "\n"
                + "1 scenario, 3 steps: 2 passed, 1 failed\n", HumanReport.of(result));
    }
}
