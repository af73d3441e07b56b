package io.nflab.kernel;

import java.util.Objects;

/**
 * How {@link KernelLab#start(io.nflab.topology.Topology, KernelLabOptions)} builds a lab.
 *
 * @param prefix the first letters of the lab's namespace names (see {@link LabNames})
 * @param settle how long each injection is watched
 * @param etc    files that replace their namesakes in {@code /etc} for programs run in node namespaces
 *               (e.g. a fixed {@code hosts} and {@code services} so that {@code iptables -L} prints
 *               the same names everywhere)
 */
public record KernelLabOptions(String prefix, Settle settle, EtcOverlay etc) {

    /** Prefix {@value LabNames#DEFAULT_PREFIX}, {@link Settle#DEFAULT}, the machine's {@code /etc}. */
    public static final KernelLabOptions DEFAULT =
            new KernelLabOptions(LabNames.DEFAULT_PREFIX, Settle.DEFAULT, EtcOverlay.NONE);

    public KernelLabOptions {
        LabNames.checkPrefix(prefix);
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(etc, "etc");
    }

    public KernelLabOptions withPrefix(String newPrefix) {
        return new KernelLabOptions(newPrefix, settle, etc);
    }

    public KernelLabOptions withSettle(Settle newSettle) {
        return new KernelLabOptions(prefix, newSettle, etc);
    }

    public KernelLabOptions withEtc(EtcOverlay newEtc) {
        return new KernelLabOptions(prefix, settle, newEtc);
    }
}
