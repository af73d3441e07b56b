package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nflab run port-forward --script FILE} end to end: the lab runs, the transcript shows what the tools print. */
class RunCommandTest {
    private static final Path LAB = Path.of(System.getProperty(LabLocator.REPOSITORY_PROPERTY), "topologies", "port-forward");
    private static final String PROMPT = "port-forward 0.000s> ";
    private static final String SESSION = """
            # the port forward of topologies/port-forward
            gw iptables -L -n
            client ping -c 1 203.0.113.1
            client connect 203.0.113.1 80
            gw conntrack -L
            """;

    @TempDir
    Path dir;

    @Test
    void aScriptDrivesTheLabAndReadsAsATranscript() throws IOException {
        CliRunner run = runScript(SESSION);
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.startsWith(PROMPT + "# the port forward of topologies/port-forward\n" + PROMPT + "gw iptables -L -n\n"
                + offlineIptables("-L", "-n") + PROMPT + "client ping -c 1 203.0.113.1\n"), out);
        assertTrue(out.contains("""
                PING 203.0.113.1 (203.0.113.1) 56(84) bytes of data.
                64 bytes from 203.0.113.1: icmp_seq=1 ttl=64 time="""), out);
        assertTrue(out.contains("1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"), out);
        assertTrue(out.contains("Connection to 203.0.113.1 80 port [tcp/http] succeeded!\n"), out);
        assertTrue(Pattern.compile("\ntcp      6 119 TIME_WAIT src=203\\.0\\.113\\.10 dst=203\\.0\\.113\\.1 sport=(\\d+) dport=80"
                        + " src=192\\.168\\.1\\.2 dst=203\\.0\\.113\\.10 sport=8080 dport=\\1 \\[ASSURED] mark=0 use=1\n")
                .matcher(out).find(), out);
        assertTrue(out.contains("conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.\n"), out);
        assertTrue(Pattern.compile("\n  #\\d+ +icmp 203\\.0\\.113\\.10 > 203\\.0\\.113\\.1 echo-request seq 1 +delivered on gw eth0\n")
                .matcher(out).find(), out);
    }

    @Test
    void traceTellsWhereAPacketWentAndTheLabIsDeterministic() throws IOException {
        String first = runScript(SESSION).out();
        Matcher syn = Pattern.compile("\n  #(\\d+) +tcp 203\\.0\\.113\\.10:(\\d+) > 203\\.0\\.113\\.1:80 flags S +"
                + "delivered on web eth0 as tcp 203\\.0\\.113\\.10:\\2 > 192\\.168\\.1\\.2:8080 flags S\n").matcher(first);
        assertTrue(syn.find(), first);
        CliRunner run = runScript(SESSION + "trace " + syn.group(1) + "\n");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(first), "the same script gives the same transcript");
        String trace = run.out().substring(first.length());
        assertTrue(trace.startsWith(PROMPT + "trace " + syn.group(1) + "\npacket #" + syn.group(1) + ": tcp 203.0.113.10:"
                + syn.group(2) + " > 203.0.113.1:80 flags S\n  sent by client at 0.000s\n"), trace);
        assertTrue(Pattern.compile("\n  [0-9.]+s +gw +PREROUTING +nat PREROUTING rule 1 +IN=eth0 .*DNAT").matcher(trace).find(),
                trace);
        assertTrue(Pattern.compile("\n  [0-9.]+s +gw +FORWARD +filter FORWARD rule 2 +IN=eth0 OUT=eth1 ").matcher(trace).find(),
                trace);
        assertTrue(trace.endsWith("  ended: delivered on web eth0 as tcp 203.0.113.10:" + syn.group(2)
                + " > 192.168.1.2:8080 flags S\n"), trace);
    }

    @Test
    void badInputIsReportedWithItsLineAndTheScriptGoesOn() throws IOException {
        CliRunner run = runScript("""
                gw iptables -F FORWARD
                router iptables -L
                gw iptables -S FORWARD
                clock advance 5 minutes
                """);
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        Path script = dir.resolve("session.nfl");
        assertEquals(script + ":2: unknown node or command `router' (nodes: client, gw, web; commands: help, nodes, clock,"
                + " fault, trace, packets, exit, quit)\n"
                + script + ":4: usage: clock [advance DURATION], e.g. clock advance 30s\n", run.err());
        assertTrue(run.out().contains(PROMPT + "gw iptables -S FORWARD\n-P FORWARD DROP\n"), run.out());
    }

    @Test
    void aCommandThatFailsGivesExitOneAndTheScriptGoesOn() throws IOException {
        CliRunner run = runScript("gw iptables -A NOSUCH -j ACCEPT\ngw iptables-restore < gw.rules\n"
                + "gw iptables -t nat -S PREROUTING\n");
        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run.err());
        assertTrue(run.out().contains("iptables: No chain/target/match by that name.\n"), run.out());
        assertTrue(run.out().endsWith("-P PREROUTING ACCEPT\n"
                + "-A PREROUTING -i eth0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.1.2:8080\n"), run.out());
    }

    @Test
    void stdinThatIsNotATerminalIsAScriptToo() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("gw iptables -S INPUT\nweb nosuch\n".getBytes(StandardCharsets.UTF_8)));
            CliRunner run = CliRunner.run("run", LAB.toString());
            assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
            assertEquals(PROMPT + "gw iptables -S INPUT\n-P INPUT ACCEPT\n" + PROMPT + "web nosuch\n", run.out());
            assertTrue(run.err().startsWith("stdin:2: web: unknown command `nosuch' (commands: iptables,"), run.err());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aMissingScriptOrAScenarioIsBadInputBeforeTheLabStarts() {
        CliRunner missing = CliRunner.run("run", "port-forward", "--script", dir.resolve("nope.nfl").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
        assertTrue(missing.err().startsWith("cannot read the script " + dir.resolve("nope.nfl") + ": "), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());
        Path scenario = LAB.resolve("scenarios/port-forward.yaml");
        CliRunner wrong = CliRunner.run("run", scenario.toString(), "--script", dir.resolve("nope.nfl").toString());
        assertEquals(ExitCodes.BAD_INPUT, wrong.exitCode());
        assertEquals(scenario + " is a scenario: `nflab replay' runs it; `nflab run' takes a lab\n", wrong.err());
    }

    private CliRunner runScript(String lines) throws IOException {
        Path script = dir.resolve("session.nfl");
        Files.writeString(script, lines);
        return CliRunner.run("run", "port-forward", "--script", script.toString());
    }

    /** What the offline iptables prints for gw's ruleset. */
    private String offlineIptables(String... args) throws IOException {
        Path rules = dir.resolve("gw.rules");
        Files.copy(LAB.resolve("gw.rules"), rules);
        String[] argv = new String[args.length + 3];
        argv[0] = "iptables";
        argv[1] = "--rules";
        argv[2] = rules.toString();
        System.arraycopy(args, 0, argv, 3, args.length);
        CliRunner offline = CliRunner.run(argv);
        assertEquals(0, offline.exitCode(), offline.err());
        return offline.out();
    }
}
