package io.nflab.verify;

import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.UdpDatagram;
import io.nflab.scenario.Action;
import io.nflab.scenario.Fault;
import io.nflab.scenario.Scenario;
import io.nflab.scenario.Step;
import io.nflab.topology.Application;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.ServiceSpec;
import io.nflab.topology.Topology;
import io.nflab.topology.TransportProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which scenario steps a kernel comparison runs. Both sides run the same steps (a step the kernel side cannot
 * run is left out on the emulator side too, so the two stay comparable): {@code send} (unless a service
 * application could answer it), the {@code iptables}, {@code iptables-save} and {@code conntrack} commands,
 * {@code ip rule} and {@code ip route} commands, and
 * {@code clock} advances the kernel side can wait out in real time (up to {@code maxClockWait}).
 * {@code connect}, {@code ping}, {@code traceroute} and faults are not reproduced in a kernel lab yet
 * (docs/fidelity.md).
 */
public record StepPlan(Duration maxClockWait) {
    /** Waits of up to 3 seconds are waited out. */
    public static final StepPlan DEFAULT = new StepPlan(Duration.ofSeconds(3));

    /** How one side runs a step the plan lets both sides run. */
    @FunctionalInterface
    public interface StepRunner {
        StepResult run(int number, String action, Action what);
    }

    /** Every step of {@code scenario}, numbered from 1: run by {@code runner}, or skipped with the plan's reason. */
    public List<StepResult> walk(Scenario scenario, StepRunner runner) {
        List<StepResult> results = new ArrayList<>();
        int number = 0;
        for (Step step : scenario.steps()) {
            number++;
            String action = describe(step.action());
            Optional<String> notRun = reasonNotRun(step.action(), scenario.topology());
            results.add(notRun.isPresent() ? StepResult.skipped(number, action, notRun.get())
                    : runner.run(number, action, step.action()));
        }
        return results;
    }

    /** Why the step is left out of the comparison, or empty when both sides run it. */
    public Optional<String> reasonNotRun(Action action, Topology topology) {
        if (action instanceof Action.Send send) {
            return answeredByAnApplication(send.packet(), topology);
        }
        if (action instanceof Action.Command command) {
            return command.tool() == Action.Tool.IP ? ipNotCompared(command.arguments()) : Optional.empty();
        }
        if (action instanceof Action.AdvanceClock clock) {
            return clock.advance().compareTo(maxClockWait) <= 0 ? Optional.empty()
                    : Optional.of("the kernel lab's clock cannot jump ahead: it waits out at most "
                            + maxClockWait.toMillis() + " ms in real time, not " + clock.advance().toMillis() + " ms");
        }
        if (action instanceof Fault) {
            return Optional.of("faults are not reproduced in a kernel lab yet");
        }
        return Optional.of("`" + action.keyword() + "' is not reproduced in a kernel lab yet");
    }

    /**
     * {@code ip rule} and {@code ip route} (show, get, changes) print the same on both sides. {@code ip link}
     * and {@code ip addr} name the kernel lab's switch namespace, whose name holds a process id, and
     * {@code ip neigh} shows entries whose states and order follow the kernel's timers and hash: those are
     * left out.
     */
    private static Optional<String> ipNotCompared(List<String> arguments) {
        String object = arguments.stream().filter(word -> !word.startsWith("-")).findFirst().orElse("");
        if (!object.isEmpty() && ("rule".startsWith(object) || "route".startsWith(object))) {
            return Optional.empty();
        }
        return Optional.of("only `ip rule' and `ip route' are compared: `ip " + String.join(" ", arguments)
                + "' shows the kernel lab's own namespace names or neighbour timing (docs/fidelity.md)");
    }

    /**
     * A kernel lab runs the services' sockets but not their applications (docs/kernel-lab.md): a datagram, or a
     * segment with data, that may reach a service whose application answers (anything but {@code discard}) on a
     * node of the lab would be answered by the emulator only. Such sends are left out (NAT may change the
     * port, so any such service of the packet's transport counts).
     */
    private static Optional<String> answeredByAnApplication(Ipv4Packet packet, Topology topology) {
        TransportProtocol transport;
        if (packet.transport() instanceof UdpDatagram) {
            transport = TransportProtocol.UDP;
        } else if (packet.transport() instanceof TcpSegment tcp && tcp.payload().length() > 0) {
            transport = TransportProtocol.TCP;
        } else {
            return Optional.empty();
        }
        for (NodeSpec node : topology.nodes()) {
            for (ServiceSpec service : node.services()) {
                if (service.proto() == transport && service.app() != Application.DISCARD) {
                    return Optional.of("its answer could come from an application (" + node.name() + "'s "
                            + service.app().keyword() + " on " + transport.keyword() + "/" + service.port()
                            + "), and a kernel lab runs none");
                }
            }
        }
        return Optional.empty();
    }

    /** A one-line description of an action for reports. */
    public static String describe(Action action) {
        if (action instanceof Action.Send send) {
            return "send from " + send.from() + ": " + send.packet();
        }
        if (action instanceof Action.Command command) {
            return command.on() + ": " + command.tool().keyword() + (command.arguments().isEmpty() ? ""
                    : " " + String.join(" ", command.arguments()));
        }
        if (action instanceof Action.AdvanceClock clock) {
            return "clock advances " + clock.advance().toMillis() + " ms";
        }
        if (action instanceof Action.Connect connect) {
            return "connect from " + connect.from() + " to " + connect.to() + ":" + connect.port() + "/"
                    + connect.proto().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (action instanceof Action.Ping ping) {
            return "ping from " + ping.from() + " to " + ping.to() + ", " + ping.count() + " times";
        }
        if (action instanceof Action.Traceroute traceroute) {
            return "traceroute from " + traceroute.from() + " to " + traceroute.to();
        }
        return action.keyword() + " " + action;
    }
}
