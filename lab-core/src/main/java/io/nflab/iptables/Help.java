package io.nflab.iptables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text of {@code iptables -h}, as iptables 1.8.9 prints it (kept as a resource). */
final class Help {
    private Help() {
    }

    static String text() {
        return resource("iptables-help.txt").orElseThrow(() ->
                new IllegalStateException("resource io/nflab/iptables/iptables-help.txt is missing"));
    }

    /** The help after {@code -p PROTO -h}: iptables' own, then the protocol match's (kept for tcp). */
    static String text(String protocolMatch) {
        return text() + (protocolMatch == null ? "" : resource("help-" + protocolMatch + ".txt").orElse(""));
    }

    private static java.util.Optional<String> resource(String name) {
        try (InputStream in = Help.class.getResourceAsStream(name)) {
            if (in == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
