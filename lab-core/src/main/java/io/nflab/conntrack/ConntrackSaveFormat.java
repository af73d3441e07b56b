package io.nflab.conntrack;

import java.util.Optional;

/**
 * {@code conntrack -o save}: an entry as the command line that would make it ({@code ct_save_snprintf} of
 * conntrack 1.4.7), e.g. {@code -A -t 431999 -u SEEN_REPLY,ASSURED -s … -d … -r … -q … -p tcp --sport …}.
 * A NAT binding shows as {@code -g} (destination NAT) instead of {@code -r}, {@code -n} (source NAT)
 * instead of {@code -q}.
 */
final class ConntrackSaveFormat {
    private ConntrackSaveFormat() {
    }

    /** The line; {@code command} is "-A" for listings, "-D" for deletions. */
    static String line(ConntrackEntry entry, long now, String command) {
        StringBuilder out = new StringBuilder(command).append(' ');
        out.append("-t ").append(entry.remainingSeconds(now)).append(' ');
        out.append("-u ").append(statusNames(entry.status())).append(' ');
        if (entry.zone() != 0) {
            out.append("-w ").append(entry.zone()).append(' ');
        }
        boolean dnat = entry.hasStatus(ConntrackStatus.DST_NAT_DONE)
                && TupleKeys.src(entry.replyHigh) != TupleKeys.dst(entry.origHigh);
        boolean snat = entry.hasStatus(ConntrackStatus.SRC_NAT_DONE)
                && TupleKeys.dst(entry.replyHigh) != TupleKeys.src(entry.origHigh);
        address(out, "-s", TupleKeys.src(entry.origHigh));
        address(out, "-d", TupleKeys.dst(entry.origHigh));
        address(out, dnat ? "-g" : "-r", TupleKeys.src(entry.replyHigh));
        address(out, snat ? "-n" : "-q", TupleKeys.dst(entry.replyHigh));
        int protocol = entry.protocol();
        Optional<CliProtocol> module = CliProtocol.forNumber(protocol);
        if (module.isEmpty()) {
            out.append("-p ").append(protocol).append(' ');
        } else {
            out.append("-p ").append(module.get().name).append(' ');
            protocolOptions(out, module.get(), entry);
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** The status bits conntrack names in save output, or UNSET. */
    private static String statusNames(int status) {
        StringBuilder names = new StringBuilder();
        int[] bits = {ConntrackStatus.EXPECTED, ConntrackStatus.SEEN_REPLY, ConntrackStatus.ASSURED,
            ConntrackStatus.FIXED_TIMEOUT};
        String[] labels = {"EXPECTED", "SEEN_REPLY", "ASSURED", "FIXED_TIMEOUT"};
        for (int i = 0; i < bits.length; i++) {
            if ((status & bits[i]) != 0) {
                names.append(names.length() == 0 ? "" : ",").append(labels[i]);
            }
        }
        return names.length() == 0 ? "UNSET" : names.toString();
    }

    private static void address(StringBuilder out, String option, int bits) {
        out.append(option).append(' ');
        out.append(bits >>> 24).append('.').append(bits >>> 16 & 0xff).append('.').append(bits >>> 8 & 0xff)
                .append('.').append(bits & 0xff).append(' ');
    }

    private static void protocolOptions(StringBuilder out, CliProtocol module, ConntrackEntry entry) {
        long orig = entry.origLow;
        long reply = entry.replyLow;
        switch (module.kind) {
            case PORTS -> {
                out.append("--sport ").append(TupleKeys.a(orig)).append(" --dport ").append(TupleKeys.b(orig))
                        .append(" --reply-port-src ").append(TupleKeys.a(reply)).append(" --reply-port-dst ")
                        .append(TupleKeys.b(reply)).append(' ');
                if (module == CliProtocol.TCP) {
                    out.append("--state ").append(TcpTracker.state(entry).name()).append(' ');
                }
            }
            case ICMP -> out.append("--icmp-type ").append(TupleKeys.b(orig) >>> 8).append(" --icmp-code ")
                    .append(TupleKeys.b(orig) & 0xff).append(" --icmp-id ").append(TupleKeys.a(orig)).append(' ');
            case KEYS -> out.append("--srckey ").append(TupleKeys.a(orig)).append(" --dstkey ")
                    .append(TupleKeys.b(orig)).append(" --reply-key-src ").append(TupleKeys.a(reply))
                    .append(" --reply-key-dst ").append(TupleKeys.b(reply)).append(' ');
            case NONE -> {
            }
        }
    }
}
