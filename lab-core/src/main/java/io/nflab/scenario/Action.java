package io.nflab.scenario;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Ipv4Packet;
import io.nflab.topology.TransportProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a scenario step does. Each action is written as one key of the step ({@code send:},
 * {@code connect:}, …); see docs/scenario.md.
 */
public sealed interface Action permits Action.Send, Action.Connect, Action.Ping, Action.Traceroute,
        Action.Command, Fault, Action.AdvanceClock {

    /** The key that introduces the action in a step. */
    String keyword();

    /** Whether the action puts packets on the wire, so a step can expect their fates. */
    default boolean causesPackets() {
        return false;
    }

    /** Whether the action prints something and exits with a status, so a step can expect its output. */
    default boolean printsOutput() {
        return false;
    }

    /**
     * One exact packet, sent by a node's stack as if a raw socket wrote it:
     * {@code send: { from: client, packet: "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S" }}.
     *
     * @param packet the packet, written in nflab's one-line packet text (docs/packet-text.md)
     */
    record Send(String from, Ipv4Packet packet) implements Action {
        public Send {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(packet, "packet");
        }

        @Override
        public String keyword() {
            return "send";
        }

        @Override
        public boolean causesPackets() {
            return true;
        }
    }

    /** A full exchange through the nodes' own stacks: a TCP handshake (and close), or a UDP request and its answer. */
    record Connect(String from, Ipv4Address to, int port, TransportProtocol proto) implements Action {
        public Connect {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(proto, "proto");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public String keyword() {
            return "connect";
        }

        @Override
        public boolean causesPackets() {
            return true;
        }
    }

    /** {@code ping -c COUNT TO} run on a node. */
    record Ping(String from, Ipv4Address to, int count) implements Action {
        public Ping {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (count < 1) {
                throw new IllegalArgumentException("count must be positive: " + count);
            }
        }

        @Override
        public String keyword() {
            return "ping";
        }

        @Override
        public boolean causesPackets() {
            return true;
        }

        @Override
        public boolean printsOutput() {
            return true;
        }
    }

    /** {@code traceroute -n -m MAX_HOPS TO} (UDP probes) run on a node. */
    record Traceroute(String from, Ipv4Address to, int maxHops) implements Action {
        public Traceroute {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (maxHops < 1 || maxHops > 255) {
                throw new IllegalArgumentException("max hops out of range: " + maxHops);
            }
        }

        @Override
        public String keyword() {
            return "traceroute";
        }

        @Override
        public boolean causesPackets() {
            return true;
        }

        @Override
        public boolean printsOutput() {
            return true;
        }
    }

    /**
     * A command run on a node, e.g. {@code iptables: { on: gw, command: "-t nat -L -n" }} or
     * {@code ip: { on: gw, command: "route get 198.18.0.10 mark 2" }}.
     *
     * @param arguments the words after the tool's name, split the way a shell splits them
     */
    record Command(Tool tool, String on, List<String> arguments) implements Action {
        public Command {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(on, "on");
            arguments = List.copyOf(arguments);
        }

        @Override
        public String keyword() {
            return tool.keyword();
        }

        @Override
        public boolean printsOutput() {
            return true;
        }
    }

    /** The command-line tools a scenario can run on a node. */
    enum Tool {
        IPTABLES("iptables"),
        IPTABLES_SAVE("iptables-save"),
        CONNTRACK("conntrack"),
        /** iproute2's {@code ip} (docs/routing.md). */
        IP("ip");

        private final String keyword;

        Tool(String keyword) {
            this.keyword = keyword;
        }

        /** The tool's name, which is also the step key. */
        public String keyword() {
            return keyword;
        }
    }

    /** Moves the lab clock forward (conntrack timeouts expire), e.g. {@code clock: { advance: 5m }}. */
    record AdvanceClock(Duration advance) implements Action {
        public AdvanceClock {
            Objects.requireNonNull(advance, "advance");
            if (advance.isNegative() || advance.isZero()) {
                throw new IllegalArgumentException("the clock only moves forward: " + advance);
            }
        }

        @Override
        public String keyword() {
            return "clock";
        }
    }
}
