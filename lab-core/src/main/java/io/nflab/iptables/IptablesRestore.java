package io.nflab.iptables;

import io.nflab.iptables.Getopt.ArgKind;
import io.nflab.iptables.Getopt.LongOption;
import io.nflab.netfilter.Netfilter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iptables-restore [-c] [-n|--noflush] [-T table]}: reads iptables-save text. Each table section
 * is collected and applied at its {@code COMMIT}, all or nothing, as the nf_tables backend commits one
 * batch per table; tables committed before a failing one stay applied. Errors name the line as the
 * real tool does.
 */
final class IptablesRestore {
    static final String PROGRAM = "iptables-restore";
    private static final List<LongOption> OPTIONS = List.of(
            new LongOption("counters", ArgKind.NONE, 'c'),
            new LongOption("verbose", ArgKind.NONE, 'v'),
            new LongOption("version", ArgKind.NONE, 'V'),
            new LongOption("test", ArgKind.NONE, 't'),
            new LongOption("help", ArgKind.NONE, 'h'),
            new LongOption("noflush", ArgKind.NONE, 'n'),
            new LongOption("modprobe", ArgKind.REQUIRED, 'M'),
            new LongOption("table", ArgKind.REQUIRED, 'T'),
            new LongOption("ipv4", ArgKind.NONE, '4'),
            new LongOption("ipv6", ArgKind.NONE, '6'),
            new LongOption("wait", ArgKind.OPTIONAL, 'w'),
            new LongOption("wait-interval", ArgKind.OPTIONAL, 'W'));
    private static final String USAGE = "Usage: iptables-restore [-c] [-v] [-V] [-t] [-h] [-n] [-T table] [-M command] [-4] [-6] [file]\n"
            + "\t   [ --counters ]\n"
            + "\t   [ --verbose ]\n"
            + "\t   [ --version]\n"
            + "\t   [ --test ]\n"
            + "\t   [ --help ]\n"
            + "\t   [ --noflush ]\n"
            + "\t   [ --table=<TABLE> ]\n"
            + "\t   [ --modprobe=<command> ]\n"
            + "\t   [ --ipv4 ]\n"
            + "\t   [ --ipv6 ]\n";

    private IptablesRestore() {
    }

    /** The options of one run. */
    record Options(boolean counters, boolean noflush, boolean test, boolean verbose, String table) {
    }

    static CommandResult run(Netfilter netfilter, List<String> argv, String stdin) {
        Getopt getopt = new Getopt(argv, "bcvVthnM:T:wW");
        boolean counters = false;
        boolean noflush = false;
        boolean test = false;
        boolean verbose = false;
        String table = null;
        List<String> files = new ArrayList<>();
        String warnings = "";
        for (;;) {
            Getopt.Result result = getopt.next(OPTIONS);
            if (result instanceof Getopt.Found waitOption && waitOption.optarg() == null
                    && (Character.valueOf('w').equals(waitOption.key()) || Character.valueOf('W').equals(waitOption.key()))
                    && getopt.optind() < getopt.argc() && !getopt.arg(getopt.optind()).startsWith("-")
                    && !getopt.arg(getopt.optind()).startsWith("!")) {
                getopt.setOptind(getopt.optind() + 1);
                continue;
            }
            if (result instanceof Getopt.End) {
                break;
            }
            if (result instanceof Getopt.NonOption nonOption) {
                files.add(nonOption.text());
                continue;
            }
            if (result instanceof Getopt.Unknown unknown) {
                return usageError(unknown.diagnostic());
            }
            if (result instanceof Getopt.MissingArgument missing) {
                return usageError(missing.diagnostic());
            }
            Getopt.Found found = (Getopt.Found) result;
            switch ((char) (Character) found.key()) {
                case 'b' -> warnings += "-b/--binary option is not implemented\n";
                case 'c' -> counters = true;
                case 'v' -> verbose = true;
                case 'V' -> {
                    return new CommandResult(0, PROGRAM + " " + IptablesException.VERSION_TEXT + "\n", warnings);
                }
                case 't' -> test = true;
                case 'h' -> {
                    return new CommandResult(0, "", warnings + USAGE);
                }
                case 'n' -> noflush = true;
                case 'T' -> table = found.optarg();
                case '6' -> {
                    return new CommandResult(1, "", warnings + "This is the IPv4 version of iptables-restore.\n");
                }
                default -> {
                    // -M, -4, -w, -W: nothing to do here
                }
            }
        }
        if (files.size() > 1) {
            return new CommandResult(1, "", warnings + "Unknown arguments found on commandline\n");
        }
        if (files.size() == 1) {
            return new CommandResult(1, "", warnings + "Can't open " + files.get(0)
                    + ": No such file or directory\n");
        }
        RestoreRun run = new RestoreRun(netfilter, new Options(counters, noflush, test, verbose, table));
        CommandResult result = run.apply(stdin);
        return new CommandResult(result.exitCode(), result.stdout(), warnings + result.stderr());
    }

    private static CommandResult usageError(String diagnostic) {
        return new CommandResult(1, "", PROGRAM + ": " + diagnostic + "\nTry `" + PROGRAM
                + " -h' for more information.\n");
    }
}
