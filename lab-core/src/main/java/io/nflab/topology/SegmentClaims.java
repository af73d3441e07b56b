package io.nflab.topology;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.SourceLocation;
import java.util.HashMap;
import java.util.Map;

/**
 * What the interfaces on each segment have claimed so far (IPv4 and MAC addresses), to report an
 * address used twice on one segment at its second use, naming the first.
 */
final class SegmentClaims {
    private record Claim(String owner, SourceLocation at) {
    }

    private final Map<String, Map<Object, Claim>> bySegment = new HashMap<>();
    private final Diagnostics problems;

    SegmentClaims(Diagnostics problems) {
        this.problems = problems;
    }

    /**
     * @param what    how the message names the address, e.g. "address 192.168.1.1"
     * @param address the value claimed (compared with equals)
     * @param owner   who claims it, e.g. "gw:eth1"
     */
    void claim(String segment, String what, Object address, String owner, SourceLocation at) {
        Claim first = bySegment.computeIfAbsent(segment, s -> new HashMap<>())
                .putIfAbsent(address, new Claim(owner, at));
        if (first != null) {
            problems.error(at, what + " is already used on segment `" + segment + "' by " + first.owner()
                    + " (line " + first.at().line() + ")");
        }
    }
}
