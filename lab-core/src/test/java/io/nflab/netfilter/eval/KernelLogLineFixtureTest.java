package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.address.MacAddress;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.packet.Bytes;
import io.nflab.packet.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LOG target's line against the real kernel's: each case of kernel-log-lines.txt (recorded by
 * tools/netfilter-log/capture) loads the same rules, runs the captured packet through the engine with the
 * same interfaces, link header and socket, and must log exactly the kernel's line at its level.
 */
class KernelLogLineFixtureTest {

    record Case(String name, List<String> rules, TableKind table, Hook hook, String in, String out, String link,
                String socket, String packet, int level, String line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream stream = KernelLogLineFixtureTest.class.getResourceAsStream("kernel-log-lines.txt")) {
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            for (String block : text.split("\n\n")) {
                if (block.startsWith("case ")) {
                    cases.add(parse(block));
                }
            }
        }
        return cases.stream();
    }

    private static Case parse(String block) {
        String name = null;
        List<String> rules = new ArrayList<>();
        String[] at = null;
        String in = null;
        String out = null;
        String link = null;
        String socket = null;
        String packet = null;
        int level = -1;
        String line = null;
        for (String entry : block.split("\n")) {
            String key = entry.substring(0, entry.indexOf(' '));
            String value = entry.substring(key.length() + 1);
            switch (key) {
                case "case" -> name = value;
                case "rule" -> rules.add(value);
                case "at" -> at = value.split(" ");
                case "in" -> in = value.equals("-") ? "" : value;
                case "out" -> out = value.equals("-") ? "" : value;
                case "link" -> link = value;
                case "socket" -> socket = value;
                case "packet" -> packet = value;
                case "level" -> level = Integer.parseInt(value);
                case "line" -> line = value;
                default -> throw new IllegalArgumentException("kernel-log-lines.txt: unknown key " + key);
            }
        }
        return new Case(name, rules, TableKind.byLabel(at[0]).orElseThrow(), Hook.valueOf(at[1]), in, out, link,
                socket, packet, level, line);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void engineLogsWhatTheKernelLogged(Case fixture) {
        Netfilter netfilter = Rulesets.of(fixture.rules().toArray(new String[0]));
        RecordingLog log = new RecordingLog();
        NetfilterEngine engine = new NetfilterEngine(netfilter, EngineEnvironment.standalone().withLog(log));
        PacketContext packet = PacketContext.of(WireFormat.decodeIpv4(Bytes.fromHex(fixture.packet()).toArray()))
                .interfaces(fixture.in(), fixture.out());
        if (!fixture.link().equals("-")) {
            String[] macs = fixture.link().split(" ");
            packet.linkHeader(MacAddress.parse(macs[0]), MacAddress.parse(macs[1]));
        }
        if (!fixture.socket().equals("-")) {
            String[] ids = fixture.socket().split(" ");
            packet.socket(SocketOwner.of(Long.parseLong(ids[0]), Long.parseLong(ids[1])));
        }
        engine.evaluate(fixture.table(), fixture.hook(), packet);
        assertEquals(List.of(fixture.line()), log.lines);
        assertEquals(List.of(fixture.level()), log.levels);
    }
}
