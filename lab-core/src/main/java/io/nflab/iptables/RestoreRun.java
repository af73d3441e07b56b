package io.nflab.iptables;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.PacketCounters;
import io.nflab.netfilter.Policy;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.TableKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One iptables-restore run over its input: the line parser and the per-table commit. */
final class RestoreRun {
    private static final String PROGRAM = IptablesRestore.PROGRAM;

    /** One thing a table section asks for, applied in order at COMMIT. */
    private sealed interface Action {
        int line();
    }

    private record Flush(int line) implements Action {
    }

    private record SetPolicy(String chain, String policy, PacketCounters counters, int line) implements Action {
    }

    private record CreateChain(String chain, int line) implements Action {
    }

    private record Run(ParsedCommand command, int line) implements Action {
    }

    /** Ends the run with this result. */
    private static final class Stop extends RuntimeException {
        final CommandResult result;

        Stop(CommandResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private final Netfilter netfilter;
    private final IptablesRestore.Options options;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder warnings = new StringBuilder();
    private final List<Action> actions = new ArrayList<>();
    private TableKind table;
    private boolean inTable;

    RestoreRun(Netfilter netfilter, IptablesRestore.Options options) {
        this.netfilter = netfilter;
        this.options = options;
    }

    CommandResult apply(String input) {
        List<String> lines = lines(input);
        try {
            for (int i = 0; i < lines.size(); i++) {
                boolean newline = i < lines.size() - 1 || input.endsWith("\n");
                line(lines.get(i), i + 1, newline);
            }
            if (inTable) {
                return new CommandResult(1, stdout.toString(), warnings + PROGRAM + ": COMMIT expected at line "
                        + (lines.size() + 1) + "\n");
            }
            return new CommandResult(0, stdout.toString(), warnings.toString());
        } catch (Stop stop) {
            return new CommandResult(stop.result.exitCode(), stdout + stop.result.stdout(),
                    warnings + stop.result.stderr());
        }
    }

    /** The input as fgets reads it: lines with their newline removed; a last line without one counts. */
    private static List<String> lines(String input) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < input.length()) {
            int end = input.indexOf('\n', start);
            if (end < 0) {
                lines.add(input.substring(start));
                break;
            }
            lines.add(input.substring(start, end));
            start = end + 1;
        }
        return lines;
    }

    private boolean skipping() {
        return options.table() != null && table != null && !table.label().equals(options.table());
    }

    private void line(String text, int number, boolean newline) {
        if (text.isEmpty()) {
            return;
        }
        if (text.startsWith("#")) {
            if (options.verbose()) {
                stdout.append(text).append('\n');
            }
            return;
        }
        if (inTable && text.equals("COMMIT")) {
            commit(number);
            inTable = false;
            return;
        }
        if (text.startsWith("*") && !inTable) {
            newTable(text, number);
            return;
        }
        if (text.startsWith(":") && inTable) {
            chainLine(text, number);
            return;
        }
        if (inTable) {
            ruleLine(newline ? text + "\n" : text, number);
            return;
        }
        if (skipping()) {
            return;
        }
        throw new Stop(new CommandResult(1, "", PROGRAM + ": line " + number + " failed\n"));
    }

    private void newTable(String text, int number) {
        String[] words = text.substring(1).trim().split("[ \t]+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw parameter("iptables-restore: line " + number + " table name invalid", number);
        }
        String name = words[0];
        table = TableKind.byLabel(name).orElseThrow(() ->
                parameter("iptables-restore: line " + number + " table name '" + name + "' invalid", number));
        if (skipping()) {
            return;
        }
        actions.clear();
        if (!options.noflush()) {
            actions.add(new Flush(number));
        }
        inTable = true;
    }

    private void chainLine(String text, int number) {
        if (skipping()) {
            return;
        }
        String[] words = text.substring(1).trim().split("[ \t]+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw parameter("iptables-restore: line " + number + " chain name invalid", number);
        }
        String chain = words[0];
        try {
            ChainNames.assertValid(chain);
        } catch (IptablesException e) {
            throw stop(e, number);
        }
        if (words.length < 2) {
            throw parameter("iptables-restore: line " + number + " policy invalid", number);
        }
        if (builtin(chain).isPresent()) {
            PacketCounters counters = PacketCounters.ZERO;
            if (options.counters()) {
                counters = words.length < 3 ? null : parseCounters(words[2]);
                if (counters == null) {
                    throw parameter("invalid policy counters for chain '" + chain + "'", number);
                }
            }
            actions.add(new SetPolicy(chain, words[1], counters, number));
        } else {
            actions.add(new CreateChain(chain, number));
        }
    }

    private Optional<Hook> builtin(String chain) {
        for (Hook hook : table.builtinChains()) {
            if (hook.name().equals(chain)) {
                return Optional.of(hook);
            }
        }
        return Optional.empty();
    }

    /** {@code sscanf("[%llu:%llu]")}. */
    private static PacketCounters parseCounters(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Long packets = CommandParser.scanUnsigned(text.substring(1, colon));
        Long bytes = CommandParser.scanUnsigned(text.substring(colon + 1));
        return packets == null || bytes == null ? null : new PacketCounters(packets, bytes);
    }

    private void ruleLine(String text, int number) {
        if (skipping()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of(PROGRAM, "-t", table.label()));
        if (options.verbose() && !options.noflush()) {
            argv.add("-v");
        }
        String rest = text;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw parameter("Bad line " + number + ": need ]", number);
            }
            String inner = rest.substring(1, close);
            int colon = inner.indexOf(':');
            String packets = colon < 0 ? inner : inner.substring(0, colon);
            String bytes = colon < 0 ? "" : inner.substring(colon + 1);
            if (packets.isEmpty()) {
                throw parameter("Bad line " + number + ": need :", number);
            }
            if (bytes.isEmpty()) {
                throw parameter("Bad line " + number + ": need ]", number);
            }
            if (options.counters()) {
                argv.addAll(List.of("--set-counters", packets, bytes));
            }
            rest = rest.substring(close + 1);
        }
        argv.addAll(RestoreTokenizer.split(rest));
        try {
            actions.add(new Run(CommandParser.parse(argv, table.label(), true, warnings), number));
        } catch (CommandParser.IgnoredLine ignored) {
            // -6 lines are for ip6tables-restore
        } catch (CommandParser.EarlyExit exit) {
            throw new Stop(new CommandResult(0, exit.stdout, ""));
        } catch (IptablesException e) {
            throw stop(e, number);
        }
    }

    /** Applies the collected table section to a copy and keeps it when everything succeeded. */
    private void commit(int commitLine) {
        Netfilter work = netfilter.copy();
        for (Action action : actions) {
            try {
                apply(work, action);
            } catch (IptablesException e) {
                throw stop(e, e.kind() == IptablesException.Kind.KERNEL || e.kind() == IptablesException.Kind.KERNEL_EINVAL
                        || e.kind() == IptablesException.Kind.COMMIT ? action.line() : commitLine);
            }
        }
        actions.clear();
        if (!options.test()) {
            netfilter.replaceWith(work);
        }
    }

    private void apply(Netfilter work, Action action) {
        if (action instanceof Flush) {
            if (options.verbose()) {
                work.table(table).ifPresent(this::flushMessages);
            }
            work.removeTable(table);
        } else if (action instanceof SetPolicy set) {
            if (set.policy().equals("-")) {
                return;
            }
            Policy policy = Policy.byName(set.policy()).orElseThrow(() -> IptablesException.kernel("Bad policy name"));
            Hook hook = builtin(set.chain()).orElseThrow();
            Table target = work.createTable(table);
            target.register(hook);
            Chain chain = target.builtin(hook).orElseThrow();
            chain.setPolicy(policy);
            chain.setPolicyCounters(set.counters());
        } else if (action instanceof CreateChain create) {
            Table target = work.createTable(table);
            if (target.chain(create.chain()).isEmpty()) {
                target.addUserChain(create.chain());
            }
        } else if (action instanceof Run run) {
            stdout.append(CommandExecutor.execute(work, run.command()));
        }
    }

    /** What iptables-restore -v prints when it flushes a table: every chain, then the user chains it deletes. */
    private void flushMessages(Table existing) {
        List<Chain> chains = new Listing(existing).sortedChains();
        for (Chain chain : chains) {
            stdout.append("Flushing chain `").append(chain.name()).append("'\n");
        }
        for (Chain chain : chains) {
            if (!chain.isBuiltin()) {
                stdout.append("Deleting chain `").append(chain.name()).append("'\n");
            }
        }
    }

    private static Stop parameter(String detail, int line) {
        return stop(IptablesException.parameter(detail), line);
    }

    private static Stop stop(IptablesException e, int line) {
        String stderr = switch (e.kind()) {
            case KERNEL, KERNEL_EINVAL -> PROGRAM + ": line " + line + " failed: " + e.detail() + ".\n";
            case COMMIT -> PROGRAM + " " + IptablesException.VERSION_TEXT + ": \nline " + line + ": " + e.detail() + "\n";
            default -> e.render(PROGRAM, line);
        };
        return new Stop(new CommandResult(e.exitCode(), "", stderr));
    }
}
