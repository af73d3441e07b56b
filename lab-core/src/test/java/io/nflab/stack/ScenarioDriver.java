package io.nflab.stack;

import io.nflab.app.ConnectClient;
import io.nflab.app.PingClient;
import io.nflab.app.Program;
import io.nflab.app.UdpClient;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpError;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PortTransport;
import io.nflab.packet.TcpSegment;
import io.nflab.scenario.Action;
import io.nflab.scenario.ConnectionOutcome;
import io.nflab.scenario.Expectation;
import io.nflab.scenario.HeaderExpectation;
import io.nflab.scenario.NetfilterPlace;
import io.nflab.scenario.RejectWith;
import io.nflab.scenario.RuleRef;
import io.nflab.scenario.Scenario;
import io.nflab.scenario.Step;
import io.nflab.socket.Outcome;
import io.nflab.topology.TransportProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a scenario's steps on the net stacks of a {@link TestLab} and checks their expectations at stack
 * level: the fates the stacks reported during the step, the outcome of a client program, a command's
 * output, a rule's counters as {@code iptables -L -v -x} prints them. Client programs run on the lab
 * clock until they finish; {@code send} and commands do not move the clock. Supports the actions the
 * seed labs use (send, connect, ping, iptables, iptables-save, conntrack, clock).
 */
final class ScenarioDriver {
    private static final long SECOND = 1_000_000_000L;
    private static final long PROGRAM_LIMIT = 300 * SECOND;
    /** What a UDP {@code connect} sends, as the replay's {@code nc -u}: one line. */
    private static final Bytes UDP_REQUEST = Bytes.of("nflab\n".getBytes(StandardCharsets.US_ASCII));

    private final TestLab lab;

    ScenarioDriver(TestLab lab) {
        this.lab = lab;
    }

    /** What one step did: its fates, and for programs and commands the outcome and output. */
    record StepResult(List<Fate> fates, Optional<Outcome> outcome, String stdout, String stderr, int exit) {
    }

    /** Plays every step; answers one line per expectation that did not hold (empty when all held). */
    List<String> play(Scenario scenario) {
        List<String> failures = new ArrayList<>();
        for (Step step : scenario.steps()) {
            StepResult result = run(step.action());
            for (Expectation expectation : step.expectations()) {
                check(expectation, result).ifPresent(problem -> failures.add(scenario.name() + " step "
                        + step.name().orElse("#" + step.location()) + ": " + expectation.keyword() + ": " + problem));
            }
        }
        return failures;
    }

    StepResult run(Action action) {
        int before = lab.fates.size();
        if (action instanceof Action.Send send) {
            lab.send(send.from(), send.packet());
            return new StepResult(since(before), Optional.empty(), "", "", 0);
        }
        if (action instanceof Action.Connect connect) {
            var table = lab.node(connect.from()).sockets();
            if (connect.proto() == TransportProtocol.UDP) {
                UdpClient client = UdpClient.start(table, connect.to(), connect.port(), UDP_REQUEST, 2 * SECOND, lab.now);
                runToEnd(connect.from(), client);
                return finished(before, Optional.of(client.outcome()), client);
            }
            ConnectClient client = ConnectClient.start(table, connect.to(), connect.port(), lab.now);
            runToEnd(connect.from(), client);
            return finished(before, Optional.of(client.outcome()), client);
        }
        if (action instanceof Action.Ping ping) {
            PingClient client = PingClient.start(lab.node(ping.from()).sockets(), ping.to(),
                    PingClient.Options.count(ping.count()), lab.now);
            runToEnd(ping.from(), client);
            return finished(before, Optional.empty(), client);
        }
        if (action instanceof Action.Command command) {
            List<String> argv = new ArrayList<>();
            argv.add(command.tool().keyword());
            argv.addAll(command.arguments());
            ConsoleResult r = lab.node(command.on()).command(argv, "", lab.now);
            return new StepResult(since(before), Optional.empty(), r.stdout(), r.stderr(), r.exitCode());
        }
        if (action instanceof Action.AdvanceClock clock) {
            lab.advance(clock.advance().toNanos());
            return new StepResult(since(before), Optional.empty(), "", "", 0);
        }
        throw new IllegalArgumentException("the stack-level driver does not play " + action.keyword());
    }

    private StepResult finished(int before, Optional<Outcome> outcome, Program program) {
        return new StepResult(since(before), outcome, program.output().stdout(), program.output().stderr(),
                program.output().exitCode());
    }

    private void runToEnd(String node, Program program) {
        lab.flush(node);
        long until = lab.now + PROGRAM_LIMIT;
        while (!program.isFinished() && lab.now < until) {
            lab.advance(SECOND / 10);
        }
        if (!program.isFinished()) {
            throw new AssertionError("the program on " + node + " did not finish in " + PROGRAM_LIMIT / SECOND + " s");
        }
    }

    private List<Fate> since(int before) {
        return List.copyOf(lab.fates.subList(before, lab.fates.size()));
    }

    private Optional<String> check(Expectation expectation, StepResult r) {
        if (holds(expectation, r)) {
            return Optional.empty();
        }
        if (expectation instanceof Expectation.Output o) {
            return Optional.of("got " + (o.stream() == Expectation.Stream.STDOUT ? r.stdout() : r.stderr()));
        }
        if (expectation instanceof Expectation.ExitStatus) {
            return Optional.of("got exit " + r.exit() + " " + r.stderr());
        }
        if (expectation instanceof Expectation.Connection) {
            return Optional.of("got " + r.outcome() + " " + r.stdout() + r.stderr());
        }
        if (expectation instanceof Expectation.Counters c) {
            long[] got = counters(c);
            return Optional.of("got " + got[0] + " packets, " + got[1] + " bytes");
        }
        return Optional.of("fates were " + r.fates().stream().filter(f -> !(f instanceof Fate.Sent)).toList());
    }

    private boolean holds(Expectation expectation, StepResult r) {
        if (expectation instanceof Expectation.Delivered d) {
            return r.fates().stream().anyMatch(f -> f instanceof Fate.Delivered del
                    && del.node().equals(d.node()) && d.iface().map(del.iface()::equals).orElse(true)
                    && headersMatch(d.headers(), del.packet()));
        }
        if (expectation instanceof Expectation.Dropped d) {
            return r.fates().stream().anyMatch(f -> f instanceof Fate.Dropped drop
                    && drop.node().equals(d.node()) && (isAnywhere(d.place())
                    || drop.place().map(p -> placeMatches(d.place(), p)).orElse(false)));
        }
        if (expectation instanceof Expectation.Rejected rej) {
            return r.fates().stream().anyMatch(f -> f instanceof Fate.Rejected fr
                    && fr.node().equals(rej.node()) && placeMatches(rej.place(), fr.place())
                    && rej.with().map(w -> rejectedWith(w, fr.reply())).orElse(true));
        }
        if (expectation instanceof Expectation.Connection c) {
            return r.outcome().map(o -> outcomeOf(o) == c.outcome()).orElse(false);
        }
        if (expectation instanceof Expectation.Output o) {
            return o.match().test(o.stream() == Expectation.Stream.STDOUT ? r.stdout() : r.stderr());
        }
        if (expectation instanceof Expectation.ExitStatus e) {
            return r.exit() == e.code();
        }
        Expectation.Counters c = (Expectation.Counters) expectation;
        long[] got = counters(c);
        return (c.packets().isEmpty() || got[0] == c.packets().getAsLong())
                && (c.bytes().isEmpty() || got[1] == c.bytes().getAsLong());
    }

    private static boolean isAnywhere(NetfilterPlace place) {
        return place.equals(NetfilterPlace.ANYWHERE);
    }

    private static boolean placeMatches(NetfilterPlace want, Place got) {
        return want.table().map(t -> t.equals(got.table().label())).orElse(true)
                && want.chain().map(got.chain()::equals).orElse(true)
                && want.rule().map(rule -> rule instanceof RuleRef.Policy ? got.step() == Place.Step.POLICY
                        : got.isRule() && ((RuleRef.Numbered) rule).number() == got.number()).orElse(true);
    }

    private static boolean rejectedWith(RejectWith with, Optional<Ipv4Packet> reply) {
        if (reply.isEmpty()) {
            return false;
        }
        Ipv4Packet packet = reply.get();
        if (with == RejectWith.TCP_RESET) {
            return packet.transport() instanceof TcpSegment tcp && tcp.flags().has(io.nflab.packet.TcpFlag.RST);
        }
        if (!(packet.transport() instanceof IcmpError error)) {
            return false;
        }
        int code = switch (with) {
            case ICMP_NET_UNREACHABLE -> 0;
            case ICMP_HOST_UNREACHABLE -> 1;
            case ICMP_PROTO_UNREACHABLE -> 2;
            case ICMP_PORT_UNREACHABLE -> 3;
            case ICMP_NET_PROHIBITED -> 9;
            case ICMP_HOST_PROHIBITED -> 10;
            case ICMP_ADMIN_PROHIBITED -> 13;
            case TCP_RESET -> throw new AssertionError();
        };
        return error.type().equals(io.nflab.packet.IcmpType.DESTINATION_UNREACHABLE) && error.code() == code;
    }

    private static ConnectionOutcome outcomeOf(Outcome outcome) {
        return switch (outcome) {
            case ESTABLISHED -> ConnectionOutcome.ESTABLISHED;
            case REFUSED, RESET -> ConnectionOutcome.REFUSED;
            case UNREACHABLE -> ConnectionOutcome.UNREACHABLE;
            case TIMED_OUT, PENDING -> ConnectionOutcome.TIMEOUT;
        };
    }

    private static boolean headersMatch(HeaderExpectation h, Ipv4Packet p) {
        Optional<PortTransport> ports = p.transport() instanceof PortTransport pt ? Optional.of(pt) : Optional.empty();
        return h.src().map(p.source()::equals).orElse(true)
                && h.dst().map(p.destination()::equals).orElse(true)
                && (h.sport().isEmpty() || ports.map(t -> t.sourcePort() == h.sport().getAsInt()).orElse(false))
                && (h.dport().isEmpty() || ports.map(t -> t.destinationPort() == h.dport().getAsInt()).orElse(false))
                && h.protocol().map(p.protocol()::equals).orElse(true)
                && (h.ttl().isEmpty() || p.ttl() == h.ttl().getAsInt())
                && (h.tos().isEmpty() || p.tos() == h.tos().getAsInt())
                && h.flags().map(f -> p.transport() instanceof TcpSegment tcp && tcp.flags().equals(f)).orElse(true)
                && h.icmpType().map(t -> p.transport() instanceof io.nflab.packet.IcmpMessage m && m.type().equals(t))
                        .orElse(true)
                && (h.icmpCode().isEmpty() || p.transport() instanceof io.nflab.packet.IcmpMessage m
                        && m.code() == h.icmpCode().getAsInt());
    }

    private static final Pattern POLICY = Pattern.compile("\\(policy \\S+ (\\d+) packets, (\\d+) bytes\\)");

    /** Packets and bytes of the rule or policy, read from {@code iptables -t T -L CHAIN -v -x -n --line-numbers}. */
    long[] counters(Expectation.Counters c) {
        String listing = lab.run(c.node(), "iptables", "-t", c.table(), "-L", c.chain(), "-v", "-x", "-n", "--line-numbers");
        List<String> lines = listing.lines().toList();
        if (c.rule() instanceof RuleRef.Policy) {
            Matcher m = POLICY.matcher(lines.get(0));
            if (!m.find()) {
                throw new AssertionError("no policy counters in " + lines.get(0));
            }
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        }
        int number = ((RuleRef.Numbered) c.rule()).number();
        for (String line : lines.subList(2, lines.size())) {
            String[] words = line.trim().split("\\s+");
            if (Integer.parseInt(words[0]) == number) {
                return new long[] {Long.parseLong(words[1]), Long.parseLong(words[2])};
            }
        }
        throw new AssertionError("no rule " + number + " in " + listing);
    }
}
