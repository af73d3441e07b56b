package io.nflab.replay;

import io.nflab.app.DnsMessage;
import io.nflab.lab.Activity;
import io.nflab.lab.LabSession;
import io.nflab.scenario.Action;
import io.nflab.scenario.Fault;
import io.nflab.topology.TransportProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How each scenario action becomes exactly one {@link LabSession} call: {@code send} → {@link LabSession#send},
 * {@code clock} → {@link LabSession#advance}, {@code fault} → {@link LabSession#fault}, everything else → a
 * command on the node ({@link #commandOf}).
 */
public final class ActionCalls {
    /** What {@code nc -u} sends for a UDP {@code connect} to any port but DNS's: one line of text. */
    public static final String UDP_REQUEST = "nflab\n";
    /** The DNS port: a UDP {@code connect} to it sends {@link #dnsQuery()}, as {@code dig} would. */
    public static final int DNS_PORT = 53;
    /** The name the DNS query asks for (type A); a lab's DNS service answers it, or NXDOMAIN. */
    public static final String DNS_QUERY_NAME = "www.example.com";
    private static final int DNS_QUERY_ID = 0x1234;

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
     * {@code connect TO PORT} (TCP) or {@code nc -u TO PORT} (UDP) with, on its input, {@link #dnsQuery()}
     * for port {@value #DNS_PORT} and {@link #UDP_REQUEST} for the others;
     * {@code ping} is {@code ping -c COUNT TO}; {@code traceroute} is {@code traceroute -n -m MAX TO};
     * {@code iptables}, {@code iptables-save} and {@code conntrack} are the tool and the step's words.
     */
    public static Optional<NodeCommand> commandOf(Action action) {
        if (action instanceof Action.Connect c) {
            return Optional.of(c.proto() == TransportProtocol.UDP
                    ? new NodeCommand(c.from(), List.of("nc", "-u", c.to().toString(), Integer.toString(c.port())),
                            c.port() == DNS_PORT ? dnsQuery() : UDP_REQUEST)
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

    /**
     * A DNS query for {@value #DNS_QUERY_NAME}, type A, as one byte per character (the lab's programs
     * read their input as ISO-8859-1), so that a DNS service has a question to answer.
     */
    public static String dnsQuery() {
        return new String(DnsMessage.query(DNS_QUERY_ID, DNS_QUERY_NAME, DnsMessage.TYPE_A).encode().toArray(),
                StandardCharsets.ISO_8859_1);
    }

    /** A command line run on a node, with its standard input. */
    public record NodeCommand(String node, List<String> argv, String stdin) {
        public NodeCommand {
            argv = List.copyOf(argv);
        }
    }
}
