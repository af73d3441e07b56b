package io.nflab.conntrack;

/**
 * A conntrack helper's private per-connection state (the kernel's {@code nfct_help_data}, e.g. the FTP
 * helper's sequence numbers after each newline), kept in a connection's {@link ConntrackExtensions}.
 * Implemented by the helpers in {@code io.nflab.conntrack.helper}.
 */
public interface HelperData {
}
