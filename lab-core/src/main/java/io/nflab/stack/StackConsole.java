package io.nflab.stack;

import io.nflab.conntrack.ConntrackCli;
import io.nflab.diagnostics.UserInputException;
import io.nflab.iptables.CommandResult;
import io.nflab.iptables.Iptables;
import io.nflab.routing.IpCommand;
import io.nflab.routing.IpNamespace;
import io.nflab.routing.IpResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A node's console: the commands an administrator runs on it, each on the stack's own state, printing
 * what the real tool prints ({@code iptables*} and {@code conntrack} byte for byte; {@code ip} as iproute2;
 * {@code sysctl} as procps; {@code dmesg} as util-linux, time stamps from the lab clock).
 */
final class StackConsole {
    private final NetStack stack;
    private final IpNamespace<?> ip;
    private final StackSysctls sysctls;

    StackConsole(NetStack stack, IpNamespace<?> ip, StackSysctls sysctls) {
        this.stack = stack;
        this.ip = ip;
        this.sysctls = sysctls;
    }

    ConsoleResult execute(List<String> argv, String stdin, long now) {
        if (argv.isEmpty()) {
            return new ConsoleResult(2, "", "empty command\n");
        }
        String program = argv.get(0);
        return switch (program) {
            case "iptables", "iptables-save", "iptables-restore" -> {
                Clock clock = Clock.fixed(Instant.ofEpochSecond(0, now), ZoneOffset.UTC);
                CommandResult r = Iptables.execute(stack.netfilter(), argv, stdin, clock);
                yield new ConsoleResult(r.exitCode(), r.stdout(), r.stderr());
            }
            case "conntrack" -> {
                ConntrackCli.Result r = ConntrackCli.execute(stack.conntrack(), now, argv);
                yield new ConsoleResult(r.exitCode(), r.stdout(), r.stderr());
            }
            case "ip" -> ipCommand(argv, now);
            case "sysctl" -> sysctl(argv.subList(1, argv.size()));
            case "dmesg" -> new ConsoleResult(0, stack.dmesg(), "");
            default -> new ConsoleResult(127, "", program + ": command not found\n");
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ConsoleResult ipCommand(List<String> argv, long now) {
        MasqueradeNotifier.Snapshot before = MasqueradeNotifier.snapshot(ip.links());
        IpResult r = IpCommand.execute((IpNamespace) ip, argv, now, action -> { });
        stack.linksChanged(before, now);
        return new ConsoleResult(r.exitCode(), r.stdout(), r.stderr());
    }

    /** {@code sysctl [-n] KEY…}, {@code sysctl [-w] KEY=VALUE…}. */
    private ConsoleResult sysctl(List<String> args) {
        boolean valuesOnly = false;
        StringBuilder text = new StringBuilder();
        try {
            for (String arg : args) {
                if (arg.equals("-n")) {
                    valuesOnly = true;
                } else if (arg.equals("-w") || arg.equals("-q")) {
                    continue;
                } else if (arg.startsWith("-")) {
                    return new ConsoleResult(255, "", "sysctl: unknown option '" + arg + "'\n");
                } else {
                    int eq = arg.indexOf('=');
                    String key = (eq < 0 ? arg : arg.substring(0, eq)).replace('/', '.');
                    String value;
                    if (eq >= 0) {
                        value = arg.substring(eq + 1);
                        sysctls.set(key, value); // procps echoes the value as written, not as read back
                    } else {
                        value = sysctls.get(key);
                    }
                    text.append(valuesOnly ? value : key + " = " + value).append('\n');
                }
            }
        } catch (UserInputException e) {
            return new ConsoleResult(1, text.toString(), e.getMessage() + "\n"); // procps 4.0.2 exits 1
        }
        return new ConsoleResult(0, text.toString(), "");
    }
}
