package io.nflab.conntrack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixture written by record_cli.py: commands run one after the other in a fresh network namespace, each
 * with the time it started (nanoseconds after the first), its exit code, stdout and stderr.
 */
record RecordedSession(List<Case> cases) {
    /** One recorded command. */
    record Case(String command, long nanos, int exitCode, String stdout, String stderr) {
    }

    static RecordedSession load(String resource) {
        try (InputStream in = RecordedSession.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordedSession parse(String text) {
        List<Case> cases = new ArrayList<>();
        String command = null;
        long nanos = 0;
        int exit = 0;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        StringBuilder last = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                if (command != null) {
                    cases.add(new Case(command, nanos, exit, out.toString(), err.toString()));
                }
                command = line.substring(2);
                out.setLength(0);
                err.setLength(0);
                last = null;
            } else if (line.startsWith("@ ")) {
                nanos = Long.parseLong(line.substring(2));
            } else if (line.startsWith("? ")) {
                exit = Integer.parseInt(line.substring(2));
            } else if (line.startsWith("> ") || line.equals(">")) {
                last = out;
                out.append(line.substring(Math.min(2, line.length()))).append('\n');
            } else if (line.startsWith("! ") || line.equals("!")) {
                last = err;
                err.append(line.substring(Math.min(2, line.length()))).append('\n');
            } else if (line.equals("\\") && last != null) {
                last.setLength(last.length() - 1);
            }
        }
        if (command != null) {
            cases.add(new Case(command, nanos, exit, out.toString(), err.toString()));
        }
        return new RecordedSession(cases);
    }
}
