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
        try (InputStream in = Help.class.getResourceAsStream("iptables-help.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource io/nflab/iptables/iptables-help.txt is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
