package io.nflab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.link.LinkPeer;
import io.nflab.link.NeighbourAction;
import io.nflab.link.NeighbourConfig;
import io.nflab.link.NetDevice;
import io.nflab.packet.ArpOperation;
import io.nflab.packet.ArpPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the ip corpus on an emulated namespace and compares every command's exit code, stdout and stderr
 * with what the real iproute2 6.1 and Linux printed, byte for byte. The directives build the namespace the
 * way the generator built the real one; {@code @ping} is replayed as a packet the namespace sends, with
 * the far end answering ARP for its address.
 */
class IpCorpusTest {

    private static final long SECOND = 1_000_000_000L;
    /** The generator waits this long after link changes (tools/ip-corpus/generate's SETTLE_SECONDS). */
    private static final long SETTLE = 300_000_000L;

    @Test
    void everyRecordedCaseIsReplayed() throws Exception {
        Path cases = Path.of(IpCorpusTest.class.getResource("/ip-corpus/cases").toURI());
        try (Stream<Path> files = Files.list(cases)) {
            assertEquals(IpCorpus.CASES, files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".cmds")).map(n -> n.substring(0, n.length() - 5)).sorted().toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesTheRealIp() {
        return IpCorpus.CASES.stream().map(name -> DynamicTest.dynamicTest(name, () -> new Replay().run(name)));
    }

    /** One case on one fresh namespace. */
    private static final class Replay {
        private final IpNamespace<String> namespace = IpNamespace.fresh(NeighbourConfig.LINUX_DEFAULTS);
        private final Map<Integer, Map<Ipv4Address, MacAddress>> answering = new HashMap<>();
        private final Map<Integer, MacAddress> peerMacs = new HashMap<>();
        private final Deque<NeighbourAction<String>> pending = new ArrayDeque<>();
        private long now;

        void run(String caseName) {
            for (IpCorpus.Step step : IpCorpus.load(caseName)) {
                if (step.isDirective()) {
                    directive(step.words());
                    continue;
                }
                IpResult actual = IpCommand.execute(namespace, step.words(), now, pending::add);
                drain();
                IpResult expected = step.expected();
                if (isNeighbourCommand(step.words())) {
                    actual = new IpResult(actual.exitCode(), sorted(actual.stdout()), actual.stderr());
                }
                assertEquals(expected, actual, step.toString());
                if (step.words().size() > 2 && step.words().get(1).equals("link") && step.words().get(2).equals("set")) {
                    advance(SETTLE);
                }
            }
        }

        private void directive(List<String> w) {
            switch (w.get(0)) {
                case "@link" -> {
                    NetDevice d = namespace.addEthernet(w.get(1), Integer.parseInt(w.get(3)), MacAddress.parse(w.get(5)),
                            Optional.of(new LinkPeer(Integer.parseInt(w.get(8)), w.get(7))));
                    peerMacs.put(d.index(), MacAddress.parse(w.get(9)));
                }
                case "@peer" -> namespace.setCarrier(namespace.device(w.get(1)).index(), w.get(2).equals("up"), now,
                        pending::add);
                case "@peer-address" -> {
                    int ifindex = namespace.device(w.get(1)).index();
                    answering.computeIfAbsent(ifindex, i -> new HashMap<>())
                            .put(InterfaceAddress.parse(w.get(2)).address(), peerMacs.get(ifindex));
                }
                case "@sysctl" -> sysctl(w.get(1));
                case "@ping" -> {
                    ping(Ipv4Address.parse(w.get(1)));
                    advance((long) (Double.parseDouble(w.get(2)) * SECOND));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown directive " + w);
            }
            drain();
            advance(SETTLE);
        }

        private void sysctl(String assignment) {
            String key = assignment.substring(0, assignment.indexOf('='));
            int value = Integer.parseInt(assignment.substring(assignment.indexOf('=') + 1));
            if (key.equals("net.ipv4.ip_forward")) {
                namespace.sysctls().setIpForward(value != 0);
                return;
            }
            String[] parts = key.split("\\.");
            IpSysctls.Conf conf = switch (parts[4]) {
                case "rp_filter" -> IpSysctls.Conf.RP_FILTER;
                case "send_redirects" -> IpSysctls.Conf.SEND_REDIRECTS;
                case "route_localnet" -> IpSysctls.Conf.ROUTE_LOCALNET;
                case "accept_local" -> IpSysctls.Conf.ACCEPT_LOCAL;
                default -> throw new IllegalArgumentException(key);
            };
            switch (parts[3]) {
                case "all" -> namespace.sysctls().setAll(conf, value);
                case "default" -> namespace.sysctls().setDefault(conf, value);
                default -> namespace.sysctls().setDevice(namespace.device(parts[3]).index(), conf, value);
            }
        }

        /** The namespace sends one ICMP echo request: route it and hand it to the neighbour table. */
        private void ping(Ipv4Address destination) {
            if (namespace.routeOutput(destination) instanceof OutputRoute.Resolved out
                    && out.ifindex() != namespace.links().loopback().index()) {
                namespace.neighbours().resolve(out.ifindex(), out.nextHop(destination), out.source(),
                        "echo to " + destination, now, pending::add);
                drain();
            }
        }

        /** Lets time pass, running neighbour timers (and the far end's ARP answers) as they fall due. */
        private void advance(long duration) {
            long end = now + duration;
            while (namespace.neighbours().nextDeadline().isPresent()
                    && namespace.neighbours().nextDeadline().getAsLong() <= end) {
                now = Math.max(now, namespace.neighbours().nextDeadline().getAsLong());
                namespace.neighbours().tick(now, pending::add);
                drain();
            }
            now = end;
        }

        /** ARP requests reach the far end, which answers for its own address. */
        private void drain() {
            while (!pending.isEmpty()) {
                if (pending.poll() instanceof NeighbourAction.SendArp<String> arp
                        && arp.frame().payload() instanceof ArpPacket request
                        && request.operation() == ArpOperation.REQUEST) {
                    MacAddress owner = answering.getOrDefault(arp.ifindex(), Map.of()).get(request.targetIp());
                    if (owner != null) {
                        namespace.neighbours().receiveArp(arp.ifindex(), ArpPacket.replyTo(request, owner), true, now,
                                pending::add);
                    }
                }
            }
        }

        private static boolean isNeighbourCommand(List<String> words) {
            Optional<String> object = words.stream().skip(1).filter(w -> !w.startsWith("-")).findFirst();
            return object.isPresent() && ("neighbour".startsWith(object.get()) || "neighbor".startsWith(object.get()));
        }

        private static String sorted(String text) {
            return text.lines().sorted().map(l -> l + "\n").reduce("", String::concat);
        }
    }

}
