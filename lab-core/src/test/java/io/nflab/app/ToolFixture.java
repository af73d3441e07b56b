package io.nflab.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario of a tool fixture captured from the real tool by src/test/scripts/capture-socket-fixtures.py
 * ({@code io/nflab/app/fixtures/*.fixture}): its setup lines, the command, what it printed and its exit code.
 */
record ToolFixture(String name, List<String> setup, String node, String command, String stdout, String stderr, int exitCode) {

    /** The scenarios of a fixture file, by name, in file order. */
    static Map<String, ToolFixture> load(String file) {
        String resource = "/io/nflab/app/fixtures/" + file;
        String text;
        try (InputStream in = ToolFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, ToolFixture> scenarios = new LinkedHashMap<>();
        Builder current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("### ")) {
                if (current != null) {
                    scenarios.put(current.name, current.build());
                }
                current = new Builder(line.substring(4));
            } else if (line.startsWith("# setup: ")) {
                current.setup.add(line.substring(9));
            } else if (line.startsWith("$ ")) {
                String[] words = line.substring(2).split(" ", 2);
                current.node = words[0];
                current.command = words[1];
            } else if (line.startsWith("1> ") || line.equals("1>")) {
                current.append(current.stdout, line.substring(Math.min(3, line.length())));
            } else if (line.startsWith("2> ") || line.equals("2>")) {
                current.append(current.stderr, line.substring(Math.min(3, line.length())));
            } else if (line.startsWith("= ")) {
                current.exitCode = Integer.parseInt(line.substring(2));
            }
        }
        if (current != null) {
            scenarios.put(current.name, current.build());
        }
        return scenarios;
    }

    /** The value after {@code option} in the command ({@code -c 3} gives 3), or {@code fallback}. */
    int option(String option, int fallback) {
        String[] words = command.split(" ");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals(option)) {
                return Integer.parseInt(words[i + 1]);
            }
        }
        return fallback;
    }

    boolean hasFlag(String flag) {
        return List.of(command.split(" ")).contains(flag);
    }

    /** The last word of the command: the destination. */
    String destination() {
        String[] words = command.split(" ");
        return words[words.length - 1];
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Builder {
        final String name;
        final List<String> setup = new ArrayList<>();
        final StringBuilder stdout = new StringBuilder();
        final StringBuilder stderr = new StringBuilder();
        String node;
        String command;
        int exitCode;

        Builder(String name) {
            this.name = name;
        }

        /** Appends a captured line; the marker line {@code \ no newline} takes the last newline back. */
        void append(StringBuilder target, String line) {
            if (line.equals("\\ no newline")) {
                target.setLength(target.length() - 1);
            } else {
                target.append(line).append('\n');
            }
        }

        ToolFixture build() {
            return new ToolFixture(name, List.copyOf(setup), node, command, stdout.toString(), stderr.toString(), exitCode);
        }
    }
}
