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

/** {@code nflab iptables --rules FILE [iptables arguments…]}: iptables 1.8.9 on a ruleset file. */
@Command(
        name = "iptables",
        description = "Run an iptables 1.8.9 command on a ruleset file, offline (iptables-save format).",
        usageHelpAutoWidth = true)
public final class IptablesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help (iptables' own is -h).")
    private boolean help;

    @Mixin
    private RulesFileOption rules;

    @Parameters(paramLabel = "ARG", description = "iptables' arguments, passed through untouched.")
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        return IptablesTool.run(spec, "iptables", rules.path(), arguments, "");
    }
}
