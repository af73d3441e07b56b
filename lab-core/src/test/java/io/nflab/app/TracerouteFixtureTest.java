package io.nflab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.socket.Errno;
import io.nflab.socket.Route;
import io.nflab.socket.SocketSettings;
import io.nflab.socket.SocketTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TracerouteClient} against what Debian's traceroute 2.1.2 printed (traceroute.fixture). The
 * world answers each probe as the captured one did: for each hop line, each probe's answerer, round trip
 * (exactly the printed one) and kind (time exceeded from a router; port unreachable from the
 * destination; the unreachable a {@code !H}/{@code !N}/{@code !X} stands for), silence for {@code *};
 * probes beyond the last printed hop are answered like its probes. The output must be byte for byte the
 * captured one, round trips included.
 */
class TracerouteFixtureTest {
    private static final long MS = 1_000_000L;
    private static final Map<String, Integer> UNREACHABLE_CODES = Map.of(
            "!N", IcmpCode.NETWORK_UNREACHABLE, "!H", IcmpCode.HOST_UNREACHABLE, "!X", IcmpCode.HOST_PROHIBITED,
            "!P", IcmpCode.PROTOCOL_UNREACHABLE);

    /** How the captured world answered one probe: by whom (null for silence), after how long, with what. */
    private record Answer(String from, long micros, String annotation) {
    }

    static Stream<ToolFixture> scenarios() {
        return ToolFixture.load("traceroute.fixture").values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void printsWhatTraceroutePrinted(ToolFixture fixture) {
        List<List<Answer>> hops = parseHops(fixture.stdout());
        Ipv4Address destination = Ipv4Address.parse(fixture.destination());
        Ipv4Address self = Ipv4Address.parse("10.0.0.1");
        SocketTable host = new SocketTable(SocketSettings.LINUX.withSeed(9), address ->
                address.toString().startsWith("10.") ? Route.via(self) : Route.unreachable(Errno.ENETUNREACH));
        Map<Integer, Integer> probesPerTtl = new HashMap<>();
        ScriptedNetwork network = new ScriptedNetwork(host, (packet, now) -> {
            int ttl = packet.ttl();
            int index = probesPerTtl.merge(ttl, 1, Integer::sum) - 1;
            List<Answer> hop = hops.get(Math.min(ttl, hops.size()) - 1);
            Answer answer = hop.get(Math.min(index, hop.size() - 1));
            if (answer.from() == null) {
                return List.of();
            }
            IcmpError error;
            if (!answer.annotation().isEmpty()) {
                error = IcmpError.of(IcmpType.DESTINATION_UNREACHABLE, UNREACHABLE_CODES.get(answer.annotation()), packet);
            } else if (answer.from().equals(destination.toString())) {
                error = IcmpError.of(IcmpType.DESTINATION_UNREACHABLE, IcmpCode.PORT_UNREACHABLE, packet);
            } else {
                error = IcmpError.of(IcmpType.TIME_EXCEEDED, IcmpCode.TTL_ZERO_DURING_TRANSIT, packet);
            }
            Ipv4Packet reply = Ipv4Packet.builder().source(Ipv4Address.parse(answer.from())).destination(packet.source())
                    .transport(error).build();
            return List.of(new ScriptedNetwork.Response(answer.micros() * 1000, reply));
        });
        TracerouteClient.Options options = TracerouteClient.Options.DEFAULT.withMaxHops(fixture.option("-m", 30))
                .withNumeric(fixture.hasFlag("-n"));
        TracerouteClient traceroute = TracerouteClient.start(host, destination, options, 0);
        network.run(traceroute, 600_000 * MS);

        ToolOutput output = traceroute.output();
        assertEquals(fixture.stdout(), output.stdout());
        assertEquals(fixture.stderr(), output.stderr());
        assertEquals(fixture.exitCode(), output.exitCode());
    }

    /** The answers each hop line shows: {@code ADDRESS [(ADDRESS)]}, then per probe {@code TIME ms [!X]} or {@code *}. */
    private static List<List<Answer>> parseHops(String stdout) {
        List<List<Answer>> hops = new ArrayList<>();
        String[] lines = stdout.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] words = lines[i].trim().split("\\s+");
            List<Answer> answers = new ArrayList<>();
            String from = null;
            for (int w = 1; w < words.length; w++) {
                String word = words[w];
                if (word.equals("*")) {
                    answers.add(new Answer(null, 0, ""));
                } else if (word.matches("[0-9]+\\.[0-9]+") && w + 1 < words.length && words[w + 1].equals("ms")) {
                    long micros = Math.round(Double.parseDouble(word) * 1000);
                    String annotation = w + 2 < words.length && words[w + 2].startsWith("!") ? words[w + 2] : "";
                    answers.add(new Answer(from, micros, annotation));
                    w += annotation.isEmpty() ? 1 : 2;
                } else if (!word.startsWith("(")) {
                    from = word;
                }
            }
            hops.add(answers);
        }
        return hops;
    }
}
