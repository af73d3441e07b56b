package io.nflab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nflab iptables-save --rules FILE [-c] [-t table]}: the ruleset file as iptables-save prints it. */
@Command(
        name = "iptables-save",
        description = "Print a ruleset file as iptables-save 1.8.9 does ([-c] [-t table]).",
        usageHelpAutoWidth = true)
public final class IptablesSaveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    private boolean help;

    @Mixin
    private RulesFileOption rules;

    @Parameters(paramLabel = "ARG", description = "iptables-save's arguments (-c, -t TABLE), passed through untouched.")
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        return IptablesTool.run(spec, "iptables-save", rules.path(), arguments, "");
    }
}
