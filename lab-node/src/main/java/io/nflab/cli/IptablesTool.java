package io.nflab.cli;

import io.nflab.iptables.CommandResult;
import io.nflab.iptables.Iptables;
import io.nflab.netfilter.Netfilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the three offline iptables commands share: load the rules file, run the program on it
 * through {@link Iptables#execute}, print exactly what it printed, store the file when it changed,
 * and exit with the program's own exit code.
 */
final class IptablesTool {
    private IptablesTool() {
    }

    static int run(CommandSpec spec, String program, Path rules, List<String> arguments, String stdin) {
        RulesFile file = new RulesFile(rules);
        Netfilter netfilter = file.load();
        String before = RulesFile.text(netfilter);
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(arguments);
        CommandResult result = Iptables.execute(netfilter, argv, stdin);
        spec.commandLine().getOut().print(result.stdout());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().print(result.stderr());
        spec.commandLine().getErr().flush();
        if (result.succeeded()) {
            file.storeIfChanged(netfilter, before);
        }
        return result.exitCode();
    }
}
