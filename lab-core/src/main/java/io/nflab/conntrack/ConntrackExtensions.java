package io.nflab.conntrack;

import java.util.Optional;

/**
 * What other layers attach to a connection, the kernel's conntrack extensions: the NAT extension's
 * MASQUERADE output interface ({@code nf_conn_nat.masq_index}), sequence number adjustment
 * ({@code nf_conn_seqadj}) and the helper's private data ({@code nf_conn_help}). Created on demand by
 * {@link ConntrackEntry#extensions()}; most connections never have one.
 */
public final class ConntrackExtensions {
    private String masqueradeInterface;
    private SeqAdjustment seqAdjustment;
    private HelperData helperData;

    ConntrackExtensions() {
    }

    /** The interface a MASQUERADE binding was made for, if the connection was masqueraded. */
    public Optional<String> masqueradeInterface() {
        return Optional.ofNullable(masqueradeInterface);
    }

    public void setMasqueradeInterface(String name) {
        this.masqueradeInterface = name;
    }

    /** The connection's sequence adjustment, created on first use (the kernel's {@code nfct_seqadj_ext_add}). */
    public SeqAdjustment seqAdjustment() {
        if (seqAdjustment == null) {
            seqAdjustment = new SeqAdjustment();
        }
        return seqAdjustment;
    }

    /** Whether a sequence adjustment exists. */
    public boolean hasSeqAdjustment() {
        return seqAdjustment != null;
    }

    /** The helper's data, if the helper stored any. */
    public Optional<HelperData> helperData() {
        return Optional.ofNullable(helperData);
    }

    public void setHelperData(HelperData data) {
        this.helperData = data;
    }
}
