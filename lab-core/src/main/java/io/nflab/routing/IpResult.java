package io.nflab.routing;

import java.util.Objects;

/** What one emulated {@code ip} command did: its exit code and exactly what it printed on stdout and stderr. */
public record IpResult(int exitCode, String stdout, String stderr) {

    public IpResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
