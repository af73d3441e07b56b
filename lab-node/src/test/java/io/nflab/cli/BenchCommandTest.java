package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code nflab bench}: what it prints (not how fast anything is) and how it refuses bad input. */
class BenchCommandTest {
    private static final String SECONDS = "\\d+\\.\\d{3} s";
    private static final String NUMBER = "[\\d,]+";
    private static final String HEAP = "heap used      " + NUMBER + " MiB, " + NUMBER
            + " MiB after a full GC \\(the lab still up\\)";

    private static void assertLines(List<String> patterns, String out) {
        List<String> lines = out.lines().toList();
        assertEquals(patterns.size(), lines.size(), out);
        for (int i = 0; i < patterns.size(); i++) {
            assertTrue(Pattern.matches(patterns.get(i), lines.get(i)), "line " + i + ": " + lines.get(i));
        }
    }

    private static List<String> flowLines(String engine, String sent) {
        return List.of(
                Pattern.quote("nflab bench: lab port-forward (3 nodes, 2 segments) on the " + engine + " engine"),
                "engine up      " + SECONDS,
                "lab up         " + SECONDS,
                Pattern.quote("flow           client -> 203.0.113.1:80: tcp SYNs from 203.0.113.10, a new source port each"),
                Pattern.quote("each packet    3 packets in the lab, 6 packet-hops (counted once with hop traces)"),
                Pattern.quote("sent           " + sent + " (after one such call to warm up)"),
                "time           " + SECONDS,
                "packets/s      " + NUMBER + " sent, " + NUMBER + " in the lab",
                "packet-hops/s  " + NUMBER,
                HEAP);
    }

    @Test
    void aFlowOnTheLocalEngine() {
        CliRunner result = CliRunner.run("bench", "--engine", "local", "--packets", "50", "--batch", "20");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertLines(flowLines("local", "50 packets in 3 lab calls of 20"), result.out());
    }

    @Test
    void aFlowOnActorsNamedInFull() {
        CliRunner result = CliRunner.run("bench", "port-forward", "--from", "client", "--to", "203.0.113.1:80",
                "--packets", "30", "--batch", "10");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertLines(flowLines("actors", "30 packets in 3 lab calls of 10"), result.out());
    }

    @Test
    void aGeneratedLabComesUpAndCarriesAPingAcrossIt() {
        CliRunner result = CliRunner.run("bench", "--lab-up", "120");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertLines(List.of(
                Pattern.quote("nflab bench: a generated lab of generated-120 (120 nodes, 4 segments) on the actors engine"),
                "engine up      " + SECONDS,
                "lab up         " + SECONDS,
                "ping across    h-1-1 -> 10\\.0\\.3\\.39 \\(h-3-38\\): answered in " + SECONDS,
                HEAP), result.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--packets 0                      | bad --packets 0: it must be at least 1",
        "--batch -5                       | bad --batch -5: it must be at least 1",
        "--to 203.0.113.1                 | bad --to `203.0.113.1': expected ADDR:PORT",
        "--to 203.0.113.1:70000           | bad --to `203.0.113.1:70000': expected ADDR:PORT",
        "--to www:80                      | bad --to `www:80': expected ADDR:PORT",
        "--from router                    | unknown node 'router' in lab port-forward; its nodes are: client, gw, web",
        "no-such-lab                      | no lab, topology or scenario `no-such-lab'",
        "--lab-up 2                       | a generated lab has 3 to ",
        "--lab-up 10 port-forward         | --lab-up generates its own lab: it takes no LAB, --from or --to",
        "--lab-up 10 --to 10.0.0.1:80     | --lab-up generates its own lab",
        "--engine warp                    | no engine `warp'; the engines are: actors, local",
        "--packets many                   | Invalid value for option '--packets': 'many' is not an int",
        "--engine local --seed 127.0.0.1:1 | the local engine runs in this process only",
    })
    void badInputExits2WithAClearMessage(String arguments, String message) {
        List<String> args = new java.util.ArrayList<>(List.of("bench"));
        args.addAll(List.of(arguments.trim().split(" +")));
        CliRunner result = CliRunner.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode(), result.err());
        assertTrue(result.err().contains(message), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace");
        assertEquals("", result.out());
    }
}
