package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.TcpMatch;
import io.nflab.packet.Bytes;

/**
 * {@code -m tcp} as xt_tcpudp's {@code tcp_mt}: ports, {@code --tcp-flags} on header byte 13 and
 * {@code --tcp-option} walked like {@code tcp_find_option}. Later fragments never match.
 */
final class TcpTest implements MatchTest {
    private final PortCondition sourcePorts;
    private final PortCondition destinationPorts;
    private final int flagMask;
    private final int flagComparison;
    private final boolean flagsNegated;
    private final int option;
    private final boolean optionNegated;

    TcpTest(TcpMatch match) {
        sourcePorts = new PortCondition(match.sourcePorts());
        destinationPorts = new PortCondition(match.destinationPorts());
        flagMask = match.flags().value().mask();
        flagComparison = match.flags().value().set();
        flagsNegated = match.flags().negated();
        option = match.option().value();
        optionNegated = match.option().negated();
    }

    @Override
    public boolean test(PacketContext packet) {
        if (!packet.hasTcpHeader()) {
            return false;
        }
        if (!sourcePorts.test(packet.sourcePort) || !destinationPorts.test(packet.destinationPort)) {
            return false;
        }
        if (((packet.tcpFlags & flagMask) == flagComparison) == flagsNegated) {
            return false;
        }
        return option == 0 || findOption(packet.tcpOptions);
    }

    /** The kernel's walk: kinds 0 and 1 take one byte, others their length byte (0 counting as 1). */
    private boolean findOption(Bytes options) {
        int length = options.length();
        for (int i = 0; i < length; ) {
            int kind = options.get(i);
            if (kind == option) {
                return !optionNegated;
            }
            if (kind < 2) {
                i++;
            } else {
                int size = i + 1 < length ? options.get(i + 1) : 0;
                i += size == 0 ? 1 : size;
            }
        }
        return optionNegated;
    }
}
