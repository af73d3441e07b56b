package io.nflab.replay;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The replay as JUnit XML ({@code --junit FILE}), the format Maven Surefire writes and Jenkins, GitLab and
 * GitHub test reporters read: {@code <testsuites>} holding one {@code <testsuite>} per scenario and one
 * {@code <testcase>} per step; a step whose expectation failed has a {@code <failure>}, one the lab could
 * not run an {@code <error>}, each with the explanation and traces the terminal summary shows. The
 * wall-clock attributes are {@code time} and {@code timestamp}; see docs/replay.md.
 */
public final class JunitReport {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    private JunitReport() {
    }

    /** The report as an XML document. */
    public static Document of(ReplayResult result) {
        Document document = newDocument();
        document.setXmlStandalone(true);
        Element suites = document.createElement("testsuites");
        document.appendChild(suites);
        suites.setAttribute("name", "nflab replay");
        suites.setAttribute("tests", Long.toString(result.scenarios().stream().mapToLong(s -> s.steps().size()).sum()));
        suites.setAttribute("failures", Long.toString(total(result, StepResult.Status.FAILED)));
        suites.setAttribute("errors", Long.toString(total(result, StepResult.Status.ERROR)));
        suites.setAttribute("time", seconds(result.wallTime()));
        for (ScenarioResult scenario : result.scenarios()) {
            suites.appendChild(suite(document, scenario));
        }
        return document;
    }

    /** The report as XML text (UTF-8 declared, indented). */
    public static String text(ReplayResult result) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter text = new StringWriter();
            transformer.transform(new DOMSource(of(result)), new StreamResult(text));
            return text.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("the JDK's XML serializer failed on a plain DOM tree", e);
        }
    }

    private static Element suite(Document document, ScenarioResult scenario) {
        Element suite = document.createElement("testsuite");
        suite.setAttribute("name", scenario.scenario().name());
        suite.setAttribute("tests", Integer.toString(scenario.steps().size()));
        suite.setAttribute("failures", Long.toString(scenario.count(StepResult.Status.FAILED)));
        suite.setAttribute("errors", Long.toString(scenario.count(StepResult.Status.ERROR)));
        suite.setAttribute("skipped", "0");
        suite.setAttribute("time", seconds(scenario.wallTime()));
        suite.setAttribute("timestamp", timestamp(scenario.startedAt()));
        suite.setAttribute("file", scenario.file());
        Element properties = document.createElement("properties");
        suite.appendChild(properties);
        property(properties, "lab", scenario.scenario().topology().name());
        property(properties, "file", scenario.file());
        scenario.scenario().description().ifPresent(d -> property(properties, "description", d));
        String classname = scenario.scenario().topology().name() + "." + scenario.scenario().name();
        for (StepResult step : scenario.steps()) {
            suite.appendChild(testcase(document, step, classname));
        }
        return suite;
    }

    private static Element testcase(Document document, StepResult step, String classname) {
        Element testcase = document.createElement("testcase");
        testcase.setAttribute("name", step.number() + ". " + step.title() + " (" + step.step().location() + ")");
        testcase.setAttribute("classname", classname);
        testcase.setAttribute("time", seconds(step.wallTime()));
        StepResult.Status status = step.status();
        if (status != StepResult.Status.PASSED) {
            Element problem = document.createElement(status == StepResult.Status.ERROR ? "error" : "failure");
            problem.setAttribute("type", status == StepResult.Status.ERROR ? "bad input" : "expectation");
            problem.setAttribute("message", step.error().orElseGet(() -> step.expectations().stream()
                    .filter(e -> !e.held()).map(e -> "expected " + ExpectationText.of(e.expectation()))
                    .reduce((a, b) -> a + "; " + b).orElse("")));
            problem.setTextContent(HumanReport.details(step));
            testcase.appendChild(problem);
        }
        step.activity().filter(a -> !a.stdout().isEmpty()).ifPresent(a -> {
            Element out = document.createElement("system-out");
            out.setTextContent(a.stdout());
            testcase.appendChild(out);
        });
        step.activity().filter(a -> !a.stderr().isEmpty()).ifPresent(a -> {
            Element err = document.createElement("system-err");
            err.setTextContent(a.stderr());
            testcase.appendChild(err);
        });
        return testcase;
    }

    private static void property(Element properties, String name, String value) {
        Element property = properties.getOwnerDocument().createElement("property");
        property.setAttribute("name", name);
        property.setAttribute("value", value);
        properties.appendChild(property);
    }

    /** Steps of every scenario with this status. */
    private static long total(ReplayResult result, StepResult.Status status) {
        return result.scenarios().stream().mapToLong(s -> s.count(status)).sum();
    }

    /** Seconds with three decimals, as Surefire writes {@code time}. */
    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no DOM implementation", e);
        }
    }

    /** When a replay started, as JUnit's {@code timestamp} writes it (UTC, seconds). */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
