package io.nflab.replay;

import io.nflab.lab.Activity;
import io.nflab.lab.LabSession;
import io.nflab.scenario.Action;
import io.nflab.scenario.Fault;
import io.nflab.topology.TransportProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How each scenario action becomes exactly one {@link LabSession} call: {@code send} → {@link LabSession#send},
 * {@code clock} → {@link LabSession#advance}, {@code fault} → {@link LabSession#fault}, everything else → a
 * command on the node ({@link #commandOf}).
 */
public final class ActionCalls {
    /** What {@code nc -u} sends for a UDP {@code connect}: one line, which every UDP service answers. */
    public static final String UDP_REQUEST = "nflab\n";

    private ActionCalls() {
    }

    /** Runs {@code action} on {@code session} and answers what it caused. */
    public static Activity perform(LabSession session, Action action) {
        if (action instanceof Action.Send send) {
            return session.send(send.from(), send.packet());
        }
        if (action instanceof Action.AdvanceClock clock) {
            return session.advance(clock.advance().toNanos());
        }
        if (action instanceof Fault fault) {
            return session.fault(fault);
        }
        NodeCommand command = commandOf(action).orElseThrow();
        return session.command(command.node(), command.argv(), command.stdin());
    }

    /**
     * The command line an action runs on a node, for the actions that are one: {@code connect} is
     * {@code connect TO PORT} (TCP) or {@code nc -u TO PORT} with {@link #UDP_REQUEST} on its input (UDP);
     * {@code ping} is {@code ping -c COUNT TO}; {@code traceroute} is {@code traceroute -n -m MAX TO};
     * {@code iptables}, {@code iptables-save} and {@code conntrack} are the tool and the step's words.
     */
    public static Optional<NodeCommand> commandOf(Action action) {
        if (action instanceof Action.Connect c) {
            return Optional.of(c.proto() == TransportProtocol.UDP
                    ? new NodeCommand(c.from(), List.of("nc", "-u", c.to().toString(), Integer.toString(c.port())),
                            UDP_REQUEST)
                    : new NodeCommand(c.from(), List.of("connect", c.to().toString(), Integer.toString(c.port())), ""));
        }
        if (action instanceof Action.Ping p) {
            return Optional.of(new NodeCommand(p.from(),
                    List.of("ping", "-c", Integer.toString(p.count()), p.to().toString()), ""));
        }
        if (action instanceof Action.Traceroute t) {
            return Optional.of(new NodeCommand(t.from(),
                    List.of("traceroute", "-n", "-m", Integer.toString(t.maxHops()), t.to().toString()), ""));
        }
        if (action instanceof Action.Command c) {
            List<String> argv = new ArrayList<>();
            argv.add(c.tool().keyword());
            argv.addAll(c.arguments());
            return Optional.of(new NodeCommand(c.on(), argv, ""));
        }
        return Optional.empty();
    }

    /** A command line run on a node, with its standard input. */
    public record NodeCommand(String node, List<String> argv, String stdin) {
        public NodeCommand {
            argv = List.copyOf(argv);
        }
    }
}
