package io.nflab.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The usage texts of iproute2 6.1 ({@code ip help}, {@code ip route help} ...), as resources copied from it. */
final class Usage {
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private Usage() {
    }

    /** The text for {@code ip} ("ip"), {@code route}, {@code address}, {@code link} or {@code neigh}. */
    static String text(String object) {
        return TEXTS.computeIfAbsent(object, Usage::load);
    }

    private static String load(String object) {
        String name = "usage/" + object + ".txt";
        try (InputStream in = Usage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
