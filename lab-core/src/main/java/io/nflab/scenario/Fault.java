package io.nflab.scenario;

import java.util.Objects;

/**
 * A fault injected into the running lab: {@code fault: { type: link-down, node: gw, interface: eth1 }}.
 * Faults change the lab's state for the following steps.
 */
public sealed interface Fault extends Action permits Fault.Link, Fault.Crash, Fault.Restart, Fault.Loss {

    @Override
    default String keyword() {
        return "fault";
    }

    /** The word after {@code type:} in the file. */
    String type();

    /** An interface's carrier goes down ({@code up} false) or comes back ({@code up} true). */
    record Link(String node, String iface, boolean up) implements Fault {
        public Link {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(iface, "iface");
        }

        @Override
        public String type() {
            return up ? "link-up" : "link-down";
        }
    }

    /** A node stops: it drops everything and loses its state (conntrack, counters). */
    record Crash(String node) implements Fault {
        public Crash {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String type() {
            return "crash";
        }
    }

    /** A node starts again from its topology description, with empty conntrack and zero counters. */
    record Restart(String node) implements Fault {
        public Restart {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String type() {
            return "restart";
        }
    }

    /** A segment loses this share of the frames it carries from now on (0 restores it). */
    record Loss(String segment, double percent) implements Fault {
        public Loss {
            Objects.requireNonNull(segment, "segment");
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("loss percent out of range: " + percent);
            }
        }

        @Override
        public String type() {
            return "loss";
        }
    }
}
