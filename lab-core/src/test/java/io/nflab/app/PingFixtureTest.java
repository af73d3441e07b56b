package io.nflab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.socket.Errno;
import io.nflab.socket.Route;
import io.nflab.socket.SocketSettings;
import io.nflab.socket.SocketTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PingClient} against what the real iputils ping printed (ping.fixture). Each scenario is replayed
 * on the lab clock with a world that answers as the captured one did: replies with the captured TTL
 * after exactly the captured round trip, ICMP errors from the captured address, silence where there
 * was none. The output must then be byte for byte the captured one, except the measured total
 * {@code time NNNNms}, which on the lab clock is exactly (COUNT - 1) intervals.
 */
class PingFixtureTest {
    private static final long MS = 1_000_000L;
    private static final Pattern REPLY = Pattern.compile("64 bytes from (\\S+): icmp_seq=(\\d+) ttl=(\\d+) time=([0-9.]+) ms");
    private static final Pattern ERROR = Pattern.compile("From (\\S+) icmp_seq=(\\d+) (.*)");
    private static final Pattern PIPE = Pattern.compile("pipe (\\d+)");
    private static final Map<String, int[]> MESSAGES = Map.of(
            "Destination Net Unreachable", new int[] {3, 0},
            "Destination Host Unreachable", new int[] {3, 1},
            "Destination Host Prohibited", new int[] {3, 10},
            "Packet filtered", new int[] {3, 13},
            "Time to live exceeded", new int[] {11, 0});

    static Stream<ToolFixture> scenarios() {
        return ToolFixture.load("ping.fixture").values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void printsWhatIputilsPingPrinted(ToolFixture fixture) {
        Map<Integer, long[]> replies = new HashMap<>();
        Map<Integer, String[]> errors = new HashMap<>();
        for (String line : fixture.stdout().split("\n")) {
            Matcher reply = REPLY.matcher(line);
            if (reply.matches()) {
                long micros = Math.round(Double.parseDouble(reply.group(4)) * 1000);
                replies.put(Integer.parseInt(reply.group(2)), new long[] {Integer.parseInt(reply.group(3)), micros});
            }
            Matcher error = ERROR.matcher(line);
            if (error.matches()) {
                errors.put(Integer.parseInt(error.group(2)), new String[] {error.group(1), error.group(3)});
            }
        }
        Matcher pipe = PIPE.matcher(fixture.stdout());
        long errorDelay = pipe.find() ? (Integer.parseInt(pipe.group(1)) - 1) * 1000 * MS + 70 * MS : MS / 10;
        Ipv4Address self = Ipv4Address.parse("10.0.0.1");
        SocketTable host = new SocketTable(SocketSettings.LINUX.withSeed(5), destination ->
                destination.toString().startsWith("10.") ? Route.via(self) : Route.unreachable(Errno.ENETUNREACH));
        int count = fixture.option("-c", 1);
        PingClient.Options options = PingClient.Options.count(count).withTtl(fixture.option("-t", 0));
        ScriptedNetwork network = new ScriptedNetwork(host, (packet, now) -> {
            IcmpQuery request = (IcmpQuery) packet.transport();
            long[] reply = replies.get(request.sequence());
            if (reply != null) {
                Ipv4Packet answer = Ipv4Packet.builder().source(packet.destination()).destination(packet.source())
                        .ttl((int) reply[0]).transport(IcmpQuery.echoReply(request.identifier(), request.sequence(),
                                request.payload())).build();
                return List.of(new ScriptedNetwork.Response(reply[1] * 1000 + 123, answer));
            }
            String[] error = errors.get(request.sequence());
            if (error != null) {
                int[] typeCode = MESSAGES.get(error[1]);
                Ipv4Packet answer = Ipv4Packet.builder().source(Ipv4Address.parse(error[0])).destination(packet.source())
                        .transport(IcmpError.of(IcmpType.of(typeCode[0]), typeCode[1], packet)).build();
                return List.of(new ScriptedNetwork.Response(errorDelay, answer));
            }
            return List.of();
        });
        PingClient ping = PingClient.start(host, Ipv4Address.parse(fixture.destination()), options, 0);
        network.run(ping, 60_000 * MS);

        String expected = fixture.stdout().replaceAll(", time \\d+ms", ", time " + (count - 1) * 1000 + "ms");
        ToolOutput output = ping.output();
        assertEquals(expected, output.stdout());
        assertEquals(fixture.stderr(), output.stderr());
        assertEquals(fixture.exitCode(), output.exitCode());
    }
}
