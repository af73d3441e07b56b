package io.nflab.netfilter.match;

import io.nflab.address.MacAddress;
import java.util.Objects;

/** {@code -m mac --mac-source MAC} (PREROUTING, INPUT, FORWARD only), with {@code !}. */
public record MacMatch(MacAddress source, boolean negated) implements Match {

    public MacMatch {
        Objects.requireNonNull(source, "source");
    }
}
