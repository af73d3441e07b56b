package io.nflab.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What must hold after a step; the replay evaluates it. Written under the step's {@code expect:},
 * one key per expectation (see docs/scenario.md).
 */
public sealed interface Expectation permits Expectation.Delivered, Expectation.Dropped, Expectation.Rejected,
        Expectation.Connection, Expectation.Output, Expectation.ExitStatus, Expectation.Counters {

    /** The key that introduces the expectation. */
    String keyword();

    /** Whether the expectation is about the packets a step caused (their fates). */
    default boolean isPacketFate() {
        return false;
    }

    /** A packet of the step arrived at a node (at this interface, if given) with these headers. */
    record Delivered(String node, Optional<String> iface, HeaderExpectation headers) implements Expectation {
        public Delivered {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(headers, "headers");
        }

        @Override
        public String keyword() {
            return "delivered";
        }

        @Override
        public boolean isPacketFate() {
            return true;
        }
    }

    /** A packet of the step was dropped at a node, by netfilter at this place if given. */
    record Dropped(String node, NetfilterPlace place) implements Expectation {
        public Dropped {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(place, "place");
        }

        @Override
        public String keyword() {
            return "dropped";
        }

        @Override
        public boolean isPacketFate() {
            return true;
        }
    }

    /** A packet of the step was rejected at a node (REJECT), answered with this ICMP error or TCP reset if given. */
    record Rejected(String node, NetfilterPlace place, Optional<RejectWith> with) implements Expectation {
        public Rejected {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(place, "place");
            Objects.requireNonNull(with, "with");
        }

        @Override
        public String keyword() {
            return "rejected";
        }

        @Override
        public boolean isPacketFate() {
            return true;
        }
    }

    /** How a {@code connect} ended. */
    record Connection(ConnectionOutcome outcome) implements Expectation {
        public Connection {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public String keyword() {
            return "connection";
        }
    }

    /** What a command printed on standard output ({@code output}) or standard error ({@code stderr}). */
    record Output(Stream stream, TextMatch match) implements Expectation {
        public Output {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(match, "match");
        }

        @Override
        public String keyword() {
            return stream.keyword();
        }
    }

    /** A command's output streams. */
    enum Stream {
        STDOUT("output"),
        STDERR("stderr");

        private final String keyword;

        Stream(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** A command's exit status (iptables: 0 ok, 1 other problems, 2 parameter problems, 4 resource problems). */
    record ExitStatus(int code) implements Expectation {
        public ExitStatus {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("exit status out of range: " + code);
            }
        }

        @Override
        public String keyword() {
            return "exit";
        }
    }

    /** The packet and/or byte counters of a rule or policy after the step, as {@code iptables -L -v -x} shows them. */
    record Counters(String node, String table, String chain, RuleRef rule, OptionalLong packets, OptionalLong bytes)
            implements Expectation {
        public Counters {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(packets, "packets");
            Objects.requireNonNull(bytes, "bytes");
            if (packets.isEmpty() && bytes.isEmpty()) {
                throw new IllegalArgumentException("counters expect packets, bytes or both");
            }
        }

        @Override
        public String keyword() {
            return "counters";
        }
    }
}
