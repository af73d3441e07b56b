package io.nflab.iptables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixture captured from the real iptables by {@code src/test/scripts/capture-iptables-fixtures.py}:
 * scenarios (each from an empty namespace) of commands with their stdin, stdout, stderr and exit code.
 */
record Fixture(String name, List<Scenario> scenarios) {

    record Scenario(String name, List<Step> steps) {
    }

    record Step(String commandLine, String stdin, String stdout, String stderr, int exitCode) {
        List<String> argv() {
            return CommandLineWords.split(commandLine);
        }
    }

    static Fixture load(String resource) {
        try (InputStream in = Fixture.class.getResourceAsStream("fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Scenario> scenarios = new ArrayList<>();
            List<Step> steps = null;
            String command = null;
            StringBuilder stdin = new StringBuilder();
            StringBuilder stdout = new StringBuilder();
            StringBuilder stderr = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("### ")) {
                    steps = new ArrayList<>();
                    scenarios.add(new Scenario(line.substring(4), steps));
                } else if (line.startsWith("$ ")) {
                    command = line.substring(2);
                    stdin.setLength(0);
                    stdout.setLength(0);
                    stderr.setLength(0);
                } else if (line.startsWith("<")) {
                    stdin.append(line.length() > 1 ? line.substring(2) : "").append('\n');
                } else if (line.startsWith("1>")) {
                    stdout.append(line.length() > 2 ? line.substring(3) : "").append('\n');
                } else if (line.startsWith("2>")) {
                    stderr.append(line.length() > 2 ? line.substring(3) : "").append('\n');
                } else if (line.startsWith("= ")) {
                    steps.add(new Step(command, stdin.toString(), stdout.toString(), stderr.toString(),
                            Integer.parseInt(line.substring(2))));
                }
            }
            return new Fixture(resource, scenarios);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
