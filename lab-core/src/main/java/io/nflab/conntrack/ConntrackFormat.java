package io.nflab.conntrack;

import io.nflab.address.Ipv4Address;

/**
 * The text forms of an entry, byte for byte as Linux prints them: a {@code conntrack -L} line (conntrack
 * 1.4.7 with libnetfilter_conntrack 1.0.9, {@code __snprintf_conntrack_default}) and a
 * /proc/net/nf_conntrack line (the kernel's {@code ct_seq_show}).
 */
public final class ConntrackFormat {
    private ConntrackFormat() {
    }

    /**
     * One {@code conntrack -L} line without the newline. {@code extended} adds the layer-3 columns
     * ({@code -o extended}), {@code withId} the {@code id=} field ({@code -o id}); counters appear when the
     * entry has them (nf_conntrack_acct=1 at its creation).
     */
    public static String conntrackLine(ConntrackEntry entry, long now, boolean extended, boolean withId) {
        return conntrackLine(entry, now, extended, withId, entry.references());
    }

    /** Like {@link #conntrackLine(ConntrackEntry, long, boolean, boolean)} with an explicit {@code use=}. */
    static String conntrackLine(ConntrackEntry entry, long now, boolean extended, boolean withId, int use) {
        StringBuilder out = new StringBuilder(200);
        if (extended) {
            out.append("ipv4     2 ");
        }
        int protocol = entry.protocol();
        appendPadded(out, Protocols.conntrackName(protocol)).append(protocol).append(' ');
        out.append(entry.remainingSeconds(now)).append(' ');
        appendTcpState(out, entry);
        appendTupleForTool(out, entry.origHigh, entry.origLow);
        appendCounters(out, entry, CtDirection.ORIGINAL);
        if (!entry.seenReply()) {
            out.append("[UNREPLIED] ");
        }
        appendTupleForTool(out, entry.replyHigh, entry.replyLow);
        appendCounters(out, entry, CtDirection.REPLY);
        appendAssured(out, entry);
        out.append("mark=").append(Integer.toUnsignedString(entry.mark())).append(' ');
        if (entry.zone() != 0) {
            out.append("zone=").append(entry.zone()).append(' ');
        }
        if (entry.helper != null) {
            out.append("helper=").append(entry.helper).append(' ');
        }
        out.append("use=").append(use).append(' ');
        if (withId) {
            out.append("id=").append(Integer.toUnsignedString(entry.id())).append(' ');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /**
     * One {@code conntrack -L expect} line without the newline (libnetfilter_conntrack's
     * {@code __snprintf_expect_default}): remaining seconds, the expected tuple, its mask, the master's
     * original tuple, zone (when not 0), class and the master's helper.
     */
    public static String expectationLine(Expectation expectation, long now) {
        StringBuilder out = new StringBuilder(256);
        out.append(expectation.remainingSeconds(now)).append(' ');
        ConntrackTuple tuple = expectation.tuple();
        out.append("proto=").append(tuple.protocol()).append(' ');
        appendTupleForTool(out, tuple.high(), tuple.low());
        out.append("mask-src=255.255.255.255 mask-dst=255.255.255.255 ");
        int sourceMask = expectation.anySourcePort() ? 0 : 0xffff;
        appendLayer4ForTool(out, TupleKeys.low(tuple.protocol(), sourceMask, 0xffff));
        ConntrackEntry master = expectation.master();
        out.append("master-src=").append(Ipv4Address.of(TupleKeys.src(master.origHigh)))
                .append(" master-dst=").append(Ipv4Address.of(TupleKeys.dst(master.origHigh))).append(' ');
        appendLayer4ForTool(out, master.origLow);
        if (expectation.zone() != 0) {
            out.append("zone=").append(expectation.zone()).append(' ');
        }
        out.append("class=").append(expectation.expectClass()).append(' ');
        if (master.helper != null) {
            out.append("helper=").append(master.helper).append(' ');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** The whole of /proc/net/nf_conntrack at lab time {@code now}, entries in {@link ConntrackTable#entries} order. */
    public static String procNfConntrack(ConntrackTable table, long now) {
        StringBuilder out = new StringBuilder();
        for (ConntrackEntry entry : table.entries(now)) {
            out.append(procLine(entry, now));
        }
        return out.toString();
    }

    /** One /proc/net/nf_conntrack line, newline included. */
    public static String procLine(ConntrackEntry entry, long now) {
        StringBuilder out = new StringBuilder(200);
        int protocol = entry.protocol();
        out.append("ipv4     2 ");
        appendPadded(out, Protocols.procName(protocol)).append(protocol).append(' ');
        out.append(entry.remainingSeconds(now)).append(' ');
        appendTcpState(out, entry);
        if (protocol == Protocols.GRE) {
            // gre_print_conntrack: the two timeouts fixed at creation
            out.append("timeout=").append(entry.protoState).append(", stream_timeout=")
                    .append(entry.protoTimestamp).append(' ');
        }
        appendTupleForProc(out, entry.origHigh, entry.origLow);
        appendCounters(out, entry, CtDirection.ORIGINAL);
        if (!entry.seenReply()) {
            out.append("[UNREPLIED] ");
        }
        appendTupleForProc(out, entry.replyHigh, entry.replyLow);
        appendCounters(out, entry, CtDirection.REPLY);
        appendAssured(out, entry);
        out.append("mark=").append(Integer.toUnsignedString(entry.mark())).append(' ');
        out.append("zone=").append(entry.zone()).append(' ');
        // The reader holds a reference of its own while it prints.
        out.append("use=").append(entry.references() + 1).append('\n');
        return out.toString();
    }

    /** {@code src=… dst=… } and the layer-4 fields, as libnetfilter_conntrack prints a tuple. */
    static void appendTupleForTool(StringBuilder out, long high, long low) {
        appendAddresses(out, high);
        appendLayer4ForTool(out, low);
    }

    /** The layer-4 part of a tuple as the tool prints it (ports, ICMP type/code/id, GRE keys). */
    static void appendLayer4ForTool(StringBuilder out, long low) {
        switch (TupleKeys.protocol(low)) {
            case Protocols.TCP, Protocols.UDP, Protocols.UDPLITE, Protocols.SCTP, Protocols.DCCP ->
                    appendPorts(out, low);
            case Protocols.GRE -> appendGreKeys(out, low);
            case Protocols.ICMP, Protocols.ICMPV6 -> appendIcmp(out, low);
            default -> {
            }
        }
    }

    private static void appendTupleForProc(StringBuilder out, long high, long low) {
        appendAddresses(out, high);
        switch (TupleKeys.protocol(low)) {
            case Protocols.TCP, Protocols.UDP, Protocols.UDPLITE -> appendPorts(out, low);
            case Protocols.GRE -> appendGreKeys(out, low);
            case Protocols.ICMP -> appendIcmp(out, low);
            default -> {
            }
        }
    }

    private static void appendAddresses(StringBuilder out, long high) {
        out.append("src=");
        appendAddress(out, TupleKeys.src(high));
        out.append(" dst=");
        appendAddress(out, TupleKeys.dst(high));
        out.append(' ');
    }

    private static void appendAddress(StringBuilder out, int bits) {
        out.append(bits >>> 24).append('.').append(bits >>> 16 & 0xff).append('.').append(bits >>> 8 & 0xff)
                .append('.').append(bits & 0xff);
    }

    private static void appendPorts(StringBuilder out, long low) {
        out.append("sport=").append(TupleKeys.a(low)).append(" dport=").append(TupleKeys.b(low)).append(' ');
    }

    private static void appendGreKeys(StringBuilder out, long low) {
        out.append("srckey=0x").append(Integer.toHexString(TupleKeys.a(low))).append(" dstkey=0x")
                .append(Integer.toHexString(TupleKeys.b(low))).append(' ');
    }

    private static void appendIcmp(StringBuilder out, long low) {
        int typeCode = TupleKeys.b(low);
        out.append("type=").append(typeCode >>> 8).append(" code=").append(typeCode & 0xff).append(" id=")
                .append(TupleKeys.a(low)).append(' ');
    }

    private static StringBuilder appendPadded(StringBuilder out, String name) {
        out.append(name);
        for (int i = name.length(); i < 8; i++) {
            out.append(' ');
        }
        return out.append(' ');
    }

    private static void appendTcpState(StringBuilder out, ConntrackEntry entry) {
        if (entry.protocol() == Protocols.TCP) {
            out.append(TcpTracker.state(entry).name()).append(' ');
        }
    }

    private static void appendCounters(StringBuilder out, ConntrackEntry entry, CtDirection direction) {
        if (entry.hasCounters()) {
            out.append("packets=").append(entry.packets(direction)).append(" bytes=")
                    .append(entry.bytes(direction)).append(' ');
        }
    }

    private static void appendAssured(StringBuilder out, ConntrackEntry entry) {
        if (entry.hasStatus(ConntrackStatus.HW_OFFLOAD)) {
            out.append("[HW_OFFLOAD] ");
        } else if (entry.hasStatus(ConntrackStatus.OFFLOAD)) {
            out.append("[OFFLOAD] ");
        } else if (entry.isAssured()) {
            out.append("[ASSURED] ");
        }
    }
}
