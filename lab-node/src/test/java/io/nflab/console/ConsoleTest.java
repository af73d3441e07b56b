package io.nflab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console loop on a {@link ScriptedLab}: transcripts, stdin, errors and exit statuses. */
class ConsoleTest {
    private final ScriptedLab lab = ScriptedLab.portForward();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aScriptReadsAsATranscriptWithThePacketsEachCommandCaused() {
        lab.answer("client connect 203.0.113.1 80", ScriptedLab.output(
                "Connection to 203.0.113.1 80 port [tcp/http] succeeded!\n", "", 0, List.of(Stories.FORWARDED)));
        ConsoleStatus status = run("""
                # the port forward
                client connect 203.0.113.1 80

                trace 1
                """);
        assertEquals(ConsoleStatus.OK, status);
        assertEquals("""
                port-forward 0.000s> # the port forward
                port-forward 0.000s> client connect 203.0.113.1 80
                Connection to 203.0.113.1 80 port [tcp/http] succeeded!
                1 packet (trace ID tells its story):
                  #1  tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S  delivered on web eth0 as tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S

                port-forward 0.000s> trace 1
                packet #1: tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S
                """, out.toString().substring(0, out.toString().indexOf("  sent by")));
        assertEquals("", err.toString());
    }

    @Test
    void thePromptShowsTheClockAfterItMoved() {
        run("clock advance 1m30s\nclock\n");
        assertEquals("""
                port-forward 0.000s> clock advance 1m30s
                port-forward 90.000s> clock
                90.000s
                """, out.toString());
        assertEquals(List.of("advance 90000000000"), lab.calls);
    }

    @Test
    void badInputIsOneLineWithItsPlaceAndTheScriptGoesOn() {
        lab.answer("gw iptables -X nosuch", ScriptedLab.output("",
                "iptables v1.8.9 (nf_tables): CHAIN_USER_DEL failed (No such file or directory): chain nosuch\n", 1,
                List.of()));
        ConsoleStatus status = run("""
                router iptables -L
                gw iptables -X nosuch
                clock advance soon
                trace 99
                gw dmesg
                """);
        assertEquals(ConsoleStatus.BAD_INPUT, status);
        assertEquals("""
                test.nfl:1: unknown node or command `router' (nodes: client, gw, web; commands: help, nodes, clock, fault, trace, packets, exit, quit)
                test.nfl:3: bad duration `soon' (write e.g. 500ms, 30s, 5m or 1h30m)
                test.nfl:4: no packet #99 in this lab
                """, err.toString());
        assertEquals(List.of("gw iptables -X nosuch", "gw dmesg"), lab.calls);
        assertTrue(out.toString().contains("chain nosuch\nport-forward 0.000s> clock advance soon\n"), out.toString());
    }

    @Test
    void tracingAPacketWhoseStoryIsNoLongerKeptSaysSo() {
        lab.forget(7);
        assertEquals(ConsoleStatus.BAD_INPUT, run("trace 7\ntrace 8\n"));
        assertEquals("""
                test.nfl:1: packet #7 is no longer kept: this lab keeps only its most recent packets' stories
                test.nfl:2: no packet #8 in this lab
                """, err.toString());
    }

    @Test
    void aCommandThatFailsMakesTheStatusOneAndTheScriptGoesOn() {
        lab.answer("client ping -c 1 192.168.1.9", ScriptedLab.output("", "", 1, List.of()));
        assertEquals(ConsoleStatus.COMMAND_FAILED, run("client ping -c 1 192.168.1.9\ngw dmesg\n"));
        assertEquals(List.of("client ping -c 1 192.168.1.9", "gw dmesg"), lab.calls);
    }

    @Test
    void helpNamesEveryProgramAndEveryCommand() {
        run("help\n");
        String help = out.toString();
        NodePrograms.PROGRAMS.forEach(program -> assertTrue(help.contains(program), program));
        NodePrograms.LAB_COMMANDS.forEach(command -> assertTrue(help.contains(command), command));
        NodePrograms.FAULT_TYPES.forEach(fault -> assertTrue(help.contains(fault), fault));
    }

    @Test
    void exitEndsTheSession() {
        assertEquals(ConsoleStatus.OK, run("gw dmesg\nexit\ngw dmesg\n"));
        assertEquals(List.of("gw dmesg"), lab.calls);
    }

    @Test
    void stdinFromAFileOfTheLabAHereDocumentOrTheLinesUpToCommit() throws IOException {
        String rules = Files.readString(ScriptedLab.PORT_FORWARD.resolve("gw.rules"));
        ConsoleStatus status = run("""
                gw iptables-restore < gw.rules
                gw iptables-restore --noflush <<END
                *filter
                -A INPUT -j ACCEPT
                COMMIT
                END
                gw iptables-restore
                *nat
                COMMIT
                gw dmesg
                """);
        assertEquals(ConsoleStatus.OK, status);
        assertEquals(List.of("gw iptables-restore <<<" + rules,
                "gw iptables-restore --noflush <<<*filter\n-A INPUT -j ACCEPT\nCOMMIT\n",
                "gw iptables-restore <<<*nat\nCOMMIT\n",
                "gw dmesg"), lab.calls);
        assertTrue(out.toString().contains("""
                port-forward 0.000s> gw iptables-restore --noflush <<END
                > *filter
                > -A INPUT -j ACCEPT
                > COMMIT
                > END
                """), out.toString());
    }

    @Test
    void aMissingFileOrAnUnendedHereDocumentIsBadInput() {
        ConsoleStatus status = run("gw iptables-restore < missing.rules\ngw iptables-restore <<END\n*filter\n");
        assertEquals(ConsoleStatus.BAD_INPUT, status);
        String errors = err.toString();
        assertTrue(errors.startsWith("test.nfl:1: cannot read " + ScriptedLab.PORT_FORWARD.resolve("missing.rules")),
                errors);
        assertTrue(errors.endsWith("test.nfl:2: the input ended before the line `END' that ends the here-document\n"),
                errors);
        assertEquals(List.of(), lab.calls);
    }

    @Test
    void packetsListsTheLastCommandsPacketsInFull() {
        lab.answer("client connect 203.0.113.1 80", ScriptedLab.output("", "", 0,
                List.of(Stories.FORWARDED, Stories.DROPPED)));
        run("packets\nclient connect 203.0.113.1 80\ngw iptables -L\npackets\n");
        assertTrue(out.toString().startsWith("port-forward 0.000s> packets\nno packets yet\n"), out.toString());
        assertTrue(out.toString().endsWith("""
                port-forward 0.000s> packets
                2 packets (trace ID tells one's story):
                  #1  tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S  delivered on web eth0 as tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S
                  #2  tcp 203.0.113.10:40001 > 203.0.113.1:22 flags S  dropped on gw by filter FORWARD policy DROP
                """), out.toString());
    }

    @Test
    void aDumbTerminalIsReadLineByLine(@TempDir Path home) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Path history = home.resolve("history");
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(
                "gw dmesg\nnosuch\nclock advance 1s\n".getBytes(StandardCharsets.UTF_8)), screen)) {
            Console console = new Console(lab, ScriptedLab.PORT_FORWARD, terminal.writer(), terminal.writer());
            LineReader reader = ConsoleTerminal.reader(terminal,
                    new ConsoleCompleter(lab.topology(), console::recentPacketIds), history);
            assertEquals(ConsoleStatus.BAD_INPUT, console.run(new TerminalLines(reader)));
            reader.getHistory().save();
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("ran [dmesg]"), shown);
        assertTrue(shown.contains("error: unknown node or command `nosuch'"), shown);
        assertTrue(shown.contains("port-forward 1.000s> "), shown);
        assertEquals(List.of("gw dmesg", "advance 1000000000"), lab.calls);
        assertTrue(Files.readString(history).contains("clock advance 1s"), "history is kept in the file");
    }

    private ConsoleStatus run(String script) {
        PrintWriter output = new PrintWriter(out);
        Console console = new Console(lab, ScriptedLab.PORT_FORWARD, output, new PrintWriter(err));
        return console.run(new ScriptLines(new BufferedReader(new StringReader(script)), "test.nfl", output));
    }
}
