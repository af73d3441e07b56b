package io.nflab.iptables;

import io.nflab.iptables.Getopt.ArgKind;
import io.nflab.iptables.Getopt.LongOption;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.TableKind;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** {@code iptables-save [-c] [-t table]}: every existing table (or the one named), in save order. */
final class IptablesSave {
    private static final List<LongOption> OPTIONS = List.of(
            new LongOption("counters", ArgKind.NONE, 'c'),
            new LongOption("version", ArgKind.NONE, 'V'),
            new LongOption("dump", ArgKind.NONE, 'd'),
            new LongOption("table", ArgKind.REQUIRED, 't'),
            new LongOption("modprobe", ArgKind.REQUIRED, 'M'),
            new LongOption("file", ArgKind.REQUIRED, 'f'));
    private static final String PROGRAM = "iptables-save";

    private IptablesSave() {
    }

    static CommandResult run(Netfilter netfilter, List<String> argv, Clock clock) {
        Getopt getopt = new Getopt(argv, "bcdt:M:f:V");
        boolean counters = false;
        String tableName = null;
        boolean strayArguments = false;
        for (;;) {
            Getopt.Result result = getopt.next(OPTIONS);
            if (result instanceof Getopt.End) {
                break;
            }
            if (result instanceof Getopt.NonOption) {
                strayArguments = true;
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
                case 'b' -> {
                    return new CommandResult(0, "", "-b/--binary option is not implemented\n");
                }
                case 'c' -> counters = true;
                case 't' -> tableName = found.optarg();
                case 'V' -> {
                    return new CommandResult(0, PROGRAM + " " + IptablesException.VERSION_TEXT + "\n", "");
                }
                case 'f' -> {
                    return new CommandResult(1, "", "Failed to open file, error: nflab writes no files; "
                            + "redirect the output instead\n");
                }
                default -> {
                    // -d (dump) and -M (modprobe) change nothing here
                }
            }
        }
        if (strayArguments || getopt.optind() < getopt.argc()) {
            return new CommandResult(1, "", "Unknown arguments found on commandline\n");
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        StringBuilder out = new StringBuilder();
        if (tableName == null) {
            for (Table table : netfilter.tables()) {
                out.append(SaveFormat.table(table, counters, now));
            }
            return new CommandResult(0, out.toString(), "");
        }
        Optional<TableKind> kind = TableKind.byLabel(tableName);
        if (kind.isEmpty()) {
            return new CommandResult(1, "", "Table `" + tableName + "' does not exist\n");
        }
        Table table = netfilter.table(kind.get()).orElseGet(() -> Netfilter.empty().createTable(kind.get()));
        return new CommandResult(0, SaveFormat.table(table, counters, now), "");
    }

    private static CommandResult usageError(String diagnostic) {
        return new CommandResult(1, "", PROGRAM + ": " + diagnostic + "\nLook at manual page `" + PROGRAM
                + ".8' for more information.\n");
    }
}
