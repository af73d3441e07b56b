package io.nflab.cli;

import io.nflab.diagnostics.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nflab iptables-restore --rules FILE [-c] [--noflush] < input}: iptables-restore into a ruleset file. */
@Command(
        name = "iptables-restore",
        description = "Apply iptables-save text from standard input to a ruleset file, as iptables-restore 1.8.9 does.",
        usageHelpAutoWidth = true)
public final class IptablesRestoreCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    private boolean help;

    @Mixin
    private RulesFileOption rules;

    @Parameters(paramLabel = "ARG", description = "iptables-restore's arguments (-c, --noflush, -T TABLE), passed through untouched.")
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        return IptablesTool.run(spec, "iptables-restore", rules.path(), arguments, readStdin(System.in));
    }

    private static String readStdin(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("iptables-restore: cannot read standard input: " + e.getMessage());
        }
    }
}
