package io.nflab.netfilter.eval;

import java.util.Objects;

/**
 * What a {@link NetfilterEngine} needs from the network namespace around it: local address types for
 * {@code -m addrtype}, the conntrack table for {@code -m connlimit}, where LOG and TRACE lines go, and
 * which token bucket {@code -m limit} runs.
 */
public record EngineEnvironment(AddressTypes addressTypes, ConnectionTable connections, PacketLog log,
                                LimitAlgorithm limitAlgorithm) {

    public EngineEnvironment {
        Objects.requireNonNull(addressTypes, "addressTypes");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(limitAlgorithm, "limitAlgorithm");
    }

    /** No local addresses, no connections, logs discarded, nftables' limit. */
    public static EngineEnvironment standalone() {
        return new EngineEnvironment(AddressTypes.NONE, ConnectionTable.EMPTY, PacketLog.DISCARD,
                LimitAlgorithm.NFT_LIMIT);
    }

    public EngineEnvironment withLog(PacketLog newLog) {
        return new EngineEnvironment(addressTypes, connections, newLog, limitAlgorithm);
    }

    public EngineEnvironment withAddressTypes(AddressTypes newAddressTypes) {
        return new EngineEnvironment(newAddressTypes, connections, log, limitAlgorithm);
    }

    public EngineEnvironment withConnections(ConnectionTable newConnections) {
        return new EngineEnvironment(addressTypes, newConnections, log, limitAlgorithm);
    }

    public EngineEnvironment withLimitAlgorithm(LimitAlgorithm newAlgorithm) {
        return new EngineEnvironment(addressTypes, connections, log, newAlgorithm);
    }
}
