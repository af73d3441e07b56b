package io.nflab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --rules FILE} option of the offline iptables commands: the ruleset file they work on. */
final class RulesFileOption {
    @Option(names = "--rules", required = true, paramLabel = "FILE",
            description = "The ruleset, in iptables-save format; empty when the file does not exist.")
    private Path rules;

    Path path() {
        return rules;
    }
}
