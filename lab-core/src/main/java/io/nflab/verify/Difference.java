package io.nflab.verify;

import java.util.Objects;

/**
 * One disagreement between the kernel and the emulator: where ({@code step 3 (send from client: …): packets
 * received at gw:eth0}, {@code gw: iptables-save -c}, {@code gw: conntrack -L}) and what each side had there.
 */
public record Difference(String where, String kernel, String nflab) {
    public Difference {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(nflab, "nflab");
    }

    @Override
    public String toString() {
        return where + "\n  kernel: " + indent(kernel) + "\n  nflab:  " + indent(nflab);
    }

    private static String indent(String text) {
        return text.isEmpty() ? "(nothing)" : text.strip().replace("\n", "\n          ");
    }
}
