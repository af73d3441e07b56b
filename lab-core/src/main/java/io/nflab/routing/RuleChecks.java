package io.nflab.routing;

import io.nflab.link.Errno;
import io.nflab.link.NetlinkException;

/** The kernel's checks of a new rule ({@code fib_nl2rule}, {@code fib4_rule_configure}) with its messages. */
final class RuleChecks {

    private static final int ECN_BITS = 0x03;
    /** {@code IPTOS_TOS_MASK}: IPv4 rules take no other DSCP bits. */
    private static final int TOS_BITS = 0x1e;

    private RuleChecks() {
    }

    static void check(RoutingRule rule) {
        if (rule.action() != RuleAction.GOTO && rule.target() != 0) {
            throw invalid("Unexpected goto");
        }
        if (rule.action() == RuleAction.GOTO) {
            if (rule.target() == 0) {
                throw invalid("Missing goto target for action goto");
            }
            if (rule.target() <= rule.priority()) {
                throw invalid("Backward goto not supported");
            }
        }
        if (rule.sourcePorts().isSet()) {
            ports(rule.sourcePorts(), "sport");
        }
        if (rule.destinationPorts().isSet()) {
            ports(rule.destinationPorts(), "dport");
        }
        if (!rule.uids().equals(RoutingRule.UidRange.ALL)) {
            uids(rule.uids());
        }
        if ((rule.tos() & ECN_BITS) != 0) {
            throw invalid("Invalid dsfield (tos): ECN bits must be 0");
        }
        if ((rule.tos() & ~TOS_BITS) != 0) {
            throw invalid("Invalid tos");
        }
    }

    /** A port range that was given ({@code FRA_SPORT_RANGE}/{@code FRA_DPORT_RANGE}): {@code which} is sport or dport. */
    static void ports(RoutingRule.PortRange range, String which) {
        if (!range.isValid()) {
            throw invalid("Invalid " + which + " range");
        }
    }

    /** A uid range that was given ({@code FRA_UID_RANGE}). */
    static void uids(RoutingRule.UidRange range) {
        if (!range.isValid()) {
            throw invalid("Invalid uid range");
        }
    }

    private static NetlinkException invalid(String message) {
        return new NetlinkException(Errno.EINVAL, message);
    }
}
