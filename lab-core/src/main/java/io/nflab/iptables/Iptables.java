package io.nflab.iptables;

import io.nflab.netfilter.Netfilter;
import java.time.Clock;
import java.util.List;

/**
 * The iptables command language on a {@link Netfilter}: {@code iptables}, {@code iptables-save} and
 * {@code iptables-restore} as iptables 1.8.9 (nf_tables backend, Debian 12) behaves, byte for byte on
 * stdout and stderr, with its exit codes (0 ok, 1 other problem, 2 parameter problem, 3 unknown
 * table, 4 refused by the kernel at commit).
 *
 * <p>{@code argv.get(0)} names the program ({@code iptables}, {@code iptables-save},
 * {@code iptables-restore}; a path such as {@code /usr/sbin/iptables} works too), the rest are its
 * arguments exactly as a shell passes them. {@code stdin} is what iptables-restore reads. A command
 * that fails leaves {@code netfilter} as it was (for iptables-restore: tables committed before the
 * failing one stay applied, as with the real tool).
 */
public final class Iptables {
    private Iptables() {
    }

    public static CommandResult execute(Netfilter netfilter, List<String> argv, String stdin) {
        return execute(netfilter, argv, stdin, Clock.systemDefaultZone());
    }

    /** As {@link #execute(Netfilter, List, String)}, with the clock iptables-save's comment lines show. */
    public static CommandResult execute(Netfilter netfilter, List<String> argv, String stdin, Clock clock) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name the program");
        }
        String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        return switch (program) {
            case "iptables" -> iptables(netfilter, argv);
            case "iptables-save" -> IptablesSave.run(netfilter, argv, clock);
            case "iptables-restore" -> IptablesRestore.run(netfilter, argv, stdin == null ? "" : stdin);
            default -> throw new IllegalArgumentException("not an iptables program: " + argv.get(0));
        };
    }

    private static CommandResult iptables(Netfilter netfilter, List<String> argv) {
        List<String> args = new java.util.ArrayList<>(argv);
        args.set(0, "iptables");
        StringBuilder warnings = new StringBuilder();
        try {
            ParsedCommand command = CommandParser.parse(args, "filter", false, warnings);
            String stdout = CommandExecutor.execute(netfilter, command);
            return new CommandResult(0, stdout, warnings.toString());
        } catch (CommandParser.EarlyExit exit) {
            return new CommandResult(0, exit.stdout, warnings.toString());
        } catch (IptablesException e) {
            return new CommandResult(e.exitCode(), "", warnings + e.render("iptables", -1));
        }
    }
}
