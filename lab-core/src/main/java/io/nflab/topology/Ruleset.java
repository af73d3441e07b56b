package io.nflab.topology;

import io.nflab.diagnostics.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's netfilter ruleset in {@code iptables-save} format, as the topology gives it: read from a
 * file beside the topology ({@code firewall: gw.rules}) or written inline ({@code rules: |}).
 *
 * @param text  the iptables-save text, exactly as written
 * @param file  the file name as the topology writes it; empty for inline rules
 * @param start where line 1 of {@code text} is, so a parser can report {@code FILE:LINE} of a bad line:
 *              line N of the text is at {@code start.line() + N - 1}
 */
public record Ruleset(String text, Optional<String> file, SourceLocation start) {

    public Ruleset {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(start, "start");
    }

    /** The file name, or "inline". */
    public String origin() {
        return file.orElse("inline");
    }
}
