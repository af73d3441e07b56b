package io.nflab.iptables;

import io.nflab.iptables.Getopt.ArgKind;
import io.nflab.iptables.Getopt.LongOption;
import io.nflab.netfilter.PacketCounters;
import io.nflab.netfilter.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * iptables' {@code do_parse}: reads one command line with getopt_long semantics (abbreviations,
 * {@code !}, extension options that appear as {@code -m}/{@code -p}/{@code -j} load them), checks the
 * option/command combinations and builds the rules. Every message and exit code is iptables 1.8.9's.
 */
final class CommandParser {
    static final int OPT_NUMERIC = 1;
    static final int OPT_SOURCE = 1 << 1;
    static final int OPT_DESTINATION = 1 << 2;
    static final int OPT_PROTOCOL = 1 << 3;
    static final int OPT_JUMP = 1 << 4;
    static final int OPT_VERBOSE = 1 << 5;
    static final int OPT_EXPANDED = 1 << 6;
    static final int OPT_VIANAMEIN = 1 << 7;
    static final int OPT_VIANAMEOUT = 1 << 8;
    static final int OPT_LINENUMBERS = 1 << 9;
    static final int OPT_COUNTERS = 1 << 10;
    static final int OPT_FRAGMENT = 1 << 11;
    private static final char[] OPTION_LETTERS = {'n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0', 'c', 'f'};
    private static final boolean[] INVERTIBLE = {false, true, true, true, false, false, false, true, true, false, false, true};
    private static final String SHORT_OPTIONS = ":A:C:D:E:F::I:L::M:N:P:VX::Z::c:d:i:j:o:p:s:t:R:S::W::46bfg:h::m:nvw::x";

    /** x = illegal; from iptables' commands_v_options, columns as OPTION_LETTERS. */
    private static final String[] LEGAL = {
        /*INSERT*/     "x     x  x  ",
        /*DELETE*/     "x     x  xx ",
        /*DELETE_NUM*/ "xxxxx xxxxxx",
        /*REPLACE*/    "x     x  x  ",
        /*APPEND*/     "x     x  x  ",
        /*LIST*/       " xxxx  xx xx",
        /*FLUSH*/      "xxxxx xxxxxx",
        /*ZERO*/       "xxxxx xxxxxx",
        /*NEW_CHAIN*/  "xxxxx xxxxxx",
        /*DEL_CHAIN*/  "xxxxx xxxxxx",
        /*SET_POLICY*/ "xxxxx xxxx x",
        /*RENAME*/     "xxxxx xxxxxx",
        /*LIST_RULES*/ "xxxxx xxxxxx",
        /*ZERO_NUM*/   "xxxxx xxxxxx",
        /*CHECK*/      "x     x  xx ",
    };

    private static final List<LongOption> ORIGINAL_OPTIONS = List.of(
            new LongOption("append", ArgKind.REQUIRED, 'A'),
            new LongOption("delete", ArgKind.REQUIRED, 'D'),
            new LongOption("check", ArgKind.REQUIRED, 'C'),
            new LongOption("insert", ArgKind.REQUIRED, 'I'),
            new LongOption("replace", ArgKind.REQUIRED, 'R'),
            new LongOption("list", ArgKind.OPTIONAL, 'L'),
            new LongOption("list-rules", ArgKind.OPTIONAL, 'S'),
            new LongOption("flush", ArgKind.OPTIONAL, 'F'),
            new LongOption("zero", ArgKind.OPTIONAL, 'Z'),
            new LongOption("new-chain", ArgKind.REQUIRED, 'N'),
            new LongOption("delete-chain", ArgKind.OPTIONAL, 'X'),
            new LongOption("rename-chain", ArgKind.REQUIRED, 'E'),
            new LongOption("policy", ArgKind.REQUIRED, 'P'),
            new LongOption("source", ArgKind.REQUIRED, 's'),
            new LongOption("destination", ArgKind.REQUIRED, 'd'),
            new LongOption("src", ArgKind.REQUIRED, 's'),
            new LongOption("dst", ArgKind.REQUIRED, 'd'),
            new LongOption("protocol", ArgKind.REQUIRED, 'p'),
            new LongOption("in-interface", ArgKind.REQUIRED, 'i'),
            new LongOption("jump", ArgKind.REQUIRED, 'j'),
            new LongOption("table", ArgKind.REQUIRED, 't'),
            new LongOption("match", ArgKind.REQUIRED, 'm'),
            new LongOption("numeric", ArgKind.NONE, 'n'),
            new LongOption("out-interface", ArgKind.REQUIRED, 'o'),
            new LongOption("verbose", ArgKind.NONE, 'v'),
            new LongOption("wait", ArgKind.OPTIONAL, 'w'),
            new LongOption("wait-interval", ArgKind.OPTIONAL, 'W'),
            new LongOption("exact", ArgKind.NONE, 'x'),
            new LongOption("fragments", ArgKind.NONE, 'f'),
            new LongOption("version", ArgKind.NONE, 'V'),
            new LongOption("help", ArgKind.OPTIONAL, 'h'),
            new LongOption("line-numbers", ArgKind.NONE, '0'),
            new LongOption("modprobe", ArgKind.REQUIRED, 'M'),
            new LongOption("set-counters", ArgKind.REQUIRED, 'c'),
            new LongOption("goto", ArgKind.REQUIRED, 'g'),
            new LongOption("ipv4", ArgKind.NONE, '4'),
            new LongOption("ipv6", ArgKind.NONE, '6'));

    /** What parsing asked to print and stop with (iptables -h, -V). */
    static final class EarlyExit extends RuntimeException {
        final String stdout;

        EarlyExit(String stdout) {
            super(null, null, false, false);
            this.stdout = stdout;
        }
    }

    /** An iptables-restore line that iptables ignores ({@code -6} in iptables-restore). */
    static final class IgnoredLine extends RuntimeException {
        IgnoredLine() {
            super(null, null, false, false);
        }
    }

    private final Getopt getopt;
    private final boolean restore;
    private final RuleBuilder rule;
    private final StringBuilder warnings;
    private boolean waitSet;
    private boolean waitIntervalSet;
    private List<LongOption> longOptions = ORIGINAL_OPTIONS;
    private int commands;
    private String chain;
    private int ruleNumber;
    private String newName;
    private String policy;
    private String table;
    private boolean tableSet;
    private int options;
    private int verbose;
    private long packets;
    private long bytes;
    private boolean invert;

    private CommandParser(List<String> argv, String defaultTable, boolean restore, StringBuilder warnings) {
        this.getopt = new Getopt(argv, SHORT_OPTIONS);
        this.restore = restore;
        this.table = defaultTable;
        this.warnings = warnings;
        this.rule = new RuleBuilder(getopt, warnings);
    }

    /**
     * Parses {@code argv} ({@code argv.get(0)} is the program name); {@code restore}: a line of
     * iptables-restore. Warnings iptables prints without failing are appended to {@code warnings}.
     */
    static ParsedCommand parse(List<String> argv, String defaultTable, boolean restore, StringBuilder warnings) {
        return new CommandParser(argv, defaultTable, restore, warnings).run();
    }

    private ParsedCommand run() {
        for (;;) {
            Getopt.Result result = getopt.next(longOptions);
            if (result instanceof Getopt.End) {
                break;
            }
            if (result instanceof Getopt.NonOption nonOption) {
                if (nonOption.text().equals("!")) {
                    if (invert) {
                        throw IptablesException.parameter("multiple consecutive ! not allowed");
                    }
                    invert = true;
                    continue;
                }
                throw IptablesException.plain("Bad argument `" + nonOption.text() + "'");
            }
            if (result instanceof Getopt.Found found && found.key() instanceof Character letter) {
                option(letter, found.optarg());
            } else if (extensionOption(result)) {
                continue;
            }
            invert = false;
        }
        return finish();
    }

    /** iptables' command_default: an extension's option, the implicit protocol match, or an error. True to re-run getopt at once. */
    private boolean extensionOption(Getopt.Result result) {
        if (result instanceof Getopt.Found found && found.key() instanceof RuleBuilder.OptionKey key) {
            rule.extensionOption(key, found.optarg(), invert);
            return false;
        }
        if (rule.loadProtocolMatch()) {
            longOptions = rule.mergeOptions(ORIGINAL_OPTIONS);
            getopt.retry();
            return true;
        }
        String text = getopt.arg(getopt.optind() - 1);
        if (result instanceof Getopt.MissingArgument) {
            throw IptablesException.parameter("option \"" + text + "\" requires an argument");
        }
        throw IptablesException.parameter("unknown option \"" + text + "\"");
    }

    private void option(char letter, String optarg) {
        switch (letter) {
            case 'A' -> command(Command.APPEND, optarg);
            case 'C' -> command(Command.CHECK, optarg);
            case 'D' -> {
                command(Command.DELETE, optarg);
                if (hasArgument()) {
                    ruleNumber = ruleNumber(nextArgument());
                    commands = Command.DELETE_NUM.bit();
                }
            }
            case 'R' -> {
                command(Command.REPLACE, optarg);
                if (!hasArgument()) {
                    throw IptablesException.parameter("-R requires a rule number");
                }
                ruleNumber = ruleNumber(nextArgument());
            }
            case 'I' -> {
                command(Command.INSERT, optarg);
                ruleNumber = hasArgument() ? ruleNumber(nextArgument()) : 1;
            }
            case 'L' -> listCommand(Command.LIST, optarg, Command.ZERO.bit() | Command.ZERO_NUM.bit());
            case 'S' -> listCommand(Command.LIST_RULES, optarg, Command.ZERO.bit() | Command.ZERO_NUM.bit());
            case 'F' -> {
                addCommand(Command.FLUSH, 0);
                chain = optionalChain(optarg);
            }
            case 'Z' -> {
                addCommand(Command.ZERO, Command.LIST.bit() | Command.LIST_RULES.bit());
                chain = optionalChain(optarg);
                if (hasArgument()) {
                    ruleNumber = ruleNumber(nextArgument());
                    commands = commands & ~Command.ZERO.bit() | Command.ZERO_NUM.bit();
                }
            }
            case 'N' -> {
                ChainNames.assertValid(optarg);
                command(Command.NEW_CHAIN, optarg);
            }
            case 'X' -> {
                addCommand(Command.DELETE_CHAIN, 0);
                chain = optionalChain(optarg);
            }
            case 'E' -> {
                command(Command.RENAME_CHAIN, optarg);
                if (!hasArgument()) {
                    throw IptablesException.parameter("-E requires old-chain-name and new-chain-name");
                }
                newName = nextArgument();
            }
            case 'P' -> {
                command(Command.SET_POLICY, optarg);
                if (!hasArgument()) {
                    throw IptablesException.parameter("-P requires a chain and a policy");
                }
                policy = nextArgument();
            }
            case 'h' -> throw new EarlyExit(Help.text(rule.protocolMatchName()));
            case 'p' -> {
                setOption(OPT_PROTOCOL);
                rule.protocol(lastWord(), invert);
            }
            case 's' -> {
                setOption(OPT_SOURCE);
                rule.source(lastWord(), invert);
            }
            case 'd' -> {
                setOption(OPT_DESTINATION);
                rule.destination(lastWord(), invert);
            }
            case 'g' -> {
                setOption(OPT_JUMP);
                rule.jumpTo(optarg, true);
            }
            case 'j' -> {
                setOption(OPT_JUMP);
                rule.jumpTo(lastWord(), false);
                longOptions = rule.mergeOptions(ORIGINAL_OPTIONS);
            }
            case 'i' -> {
                emptyInterface(optarg);
                setOption(OPT_VIANAMEIN);
                rule.inInterface(lastWord(), invert);
            }
            case 'o' -> {
                emptyInterface(optarg);
                setOption(OPT_VIANAMEOUT);
                rule.outInterface(lastWord(), invert);
            }
            case 'f' -> {
                setOption(OPT_FRAGMENT);
                rule.fragment(invert);
            }
            case 'v' -> {
                if (verbose == 0) {
                    setOption(OPT_VERBOSE);
                }
                verbose++;
            }
            case 'm' -> {
                if (invert) {
                    throw IptablesException.parameter("unexpected ! flag before --match");
                }
                rule.loadMatch(optarg);
                longOptions = rule.mergeOptions(ORIGINAL_OPTIONS);
            }
            case 'n' -> setOption(OPT_NUMERIC);
            case 't' -> {
                if (invert) {
                    throw IptablesException.parameter("unexpected ! flag before --table");
                }
                if (restore && tableSet) {
                    throw IptablesException.parameter("The -t option cannot be used in iptables-restore.\n");
                }
                table = optarg;
                tableSet = true;
            }
            case 'x' -> setOption(OPT_EXPANDED);
            case 'V' -> throw new EarlyExit(invert ? "Not iptables " + IptablesException.VERSION_TEXT + " ;-)\n"
                    : "iptables " + IptablesException.VERSION_TEXT + "\n");
            case 'w' -> {
                if (restore) {
                    throw IptablesException.parameter("You cannot use `-w' from iptables-restore");
                }
                String seconds = optarg != null ? optarg : hasArgument() ? nextArgument() : null;
                if (seconds != null && scanUnsigned(seconds) == null) {
                    throw IptablesException.parameter("wait seconds not numeric");
                }
                waitSet = true;
            }
            case 'W' -> {
                if (restore) {
                    throw IptablesException.parameter("You cannot use `-W' from iptables-restore");
                }
                String interval = optarg != null ? optarg : hasArgument() ? nextArgument() : null;
                if (interval == null) {
                    throw IptablesException.parameter("wait interval value required");
                }
                Long usec = scanUnsigned(interval);
                if (usec == null) {
                    throw IptablesException.parameter("wait interval not numeric");
                }
                if (usec > 999999) {
                    throw IptablesException.parameter("too long usec wait " + usec + " > 999999 usec");
                }
                warnings.append("Ignoring deprecated --wait-interval option.\n");
                waitIntervalSet = true;
            }
            case '0' -> setOption(OPT_LINENUMBERS);
            case 'M' -> {
                // --modprobe: nflab loads no kernel modules
            }
            case 'c' -> counters(optarg);
            case '4' -> {
                // IPv4: what this is
            }
            case '6' -> {
                if (restore) {
                    throw new IgnoredLine();
                }
                throw IptablesException.hintOnly();
            }
            default -> throw IptablesException.parameter("unknown option \"" + getopt.arg(getopt.optind() - 1) + "\"");
        }
    }

    private void command(Command command, String chainName) {
        addCommand(command, 0);
        chain = chainName;
    }

    private void listCommand(Command command, String optarg, int others) {
        addCommand(command, others);
        chain = optionalChain(optarg);
        if (hasArgument()) {
            ruleNumber = ruleNumber(nextArgument());
        }
    }

    /** {@code -L}/{@code -F}/… take an optional chain; without one the chain stays as it was. */
    private String optionalChain(String optarg) {
        if (optarg != null) {
            return optarg;
        }
        return hasArgument() ? nextArgument() : chain;
    }

    /** What iptables reads for -p/-s/-d/-i/-o/-j: {@code argv[optind-1]}, the whole word when the value was attached. */
    private String lastWord() {
        return getopt.arg(getopt.optind() - 1);
    }

    private void addCommand(Command command, int others) {
        if (invert) {
            throw IptablesException.parameter("unexpected '!' flag");
        }
        if ((commands & ~others) != 0) {
            throw IptablesException.parameter("Cannot use -" + command.letter() + " with -"
                    + Command.letterOf(commands & ~others));
        }
        commands |= command.bit();
    }

    private boolean hasArgument() {
        int optind = getopt.optind();
        if (optind >= getopt.argc()) {
            return false;
        }
        String next = getopt.arg(optind);
        return !next.startsWith("-") && !next.startsWith("!");
    }

    private String nextArgument() {
        int optind = getopt.optind();
        getopt.setOptind(optind + 1);
        return getopt.arg(optind);
    }

    private static int ruleNumber(String text) {
        var number = Numbers.parse(text, 1, Integer.MAX_VALUE);
        if (number.isEmpty()) {
            throw IptablesException.parameter("Invalid rule number `" + text + "'");
        }
        return (int) number.getAsLong();
    }

    private void setOption(int option) {
        int index = Integer.numberOfTrailingZeros(option);
        if ((options & option) != 0) {
            throw IptablesException.parameter("multiple -" + OPTION_LETTERS[index] + " flags not allowed");
        }
        options |= option;
        if (invert && !INVERTIBLE[index]) {
            throw IptablesException.parameter("cannot have ! before -" + OPTION_LETTERS[index]);
        }
    }

    private void emptyInterface(String name) {
        if (name.isEmpty()) {
            throw IptablesException.parameter("Empty interface is likely to be undesired");
        }
    }

    private void counters(String optarg) {
        setOption(OPT_COUNTERS);
        String packetText = optarg;
        String byteText = null;
        int comma = optarg.length() > 1 ? optarg.indexOf(',', 1) : -1;
        if (comma >= 0) {
            byteText = optarg.substring(comma + 1);
        }
        if (byteText == null && hasArgument()) {
            byteText = nextArgument();
        }
        if (byteText == null) {
            throw IptablesException.parameter("-c requires packet and byte counter");
        }
        Long packetCount = scanUnsigned(packetText);
        if (packetCount == null) {
            throw IptablesException.parameter("-c packet counter not numeric");
        }
        Long byteCount = scanUnsigned(byteText);
        if (byteCount == null) {
            throw IptablesException.parameter("-c byte counter not numeric");
        }
        packets = packetCount;
        bytes = byteCount;
    }

    /** {@code sscanf("%llu")}: leading blanks, optional sign, digits; the rest is ignored. */
    static Long scanUnsigned(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            long next = value * 10 + (text.charAt(i) - '0');
            overflow |= Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0
                    || Long.compareUnsigned(next, value * 10) < 0;
            value = next;
            i++;
        }
        if (i == start) {
            return null;
        }
        if (overflow) {
            value = -1L;
        }
        return negative ? -value : value;
    }

    private ParsedCommand finish() {
        if (table.equals("nat") && ("DROP".equals(policy) || "DROP".equals(rule.jumpName()))) {
            throw IptablesException.parameter("\nThe \"nat\" table is not intended for filtering, "
                    + "the use of DROP is therefore inhibited.\n\n");
        }
        if (!waitSet && waitIntervalSet) {
            throw IptablesException.parameter("--wait-interval only makes sense with --wait\n");
        }
        rule.finishExtensions();
        if (getopt.optind() < getopt.argc()) {
            throw IptablesException.parameter("unknown arguments found on commandline");
        }
        if (commands == 0) {
            throw IptablesException.parameter("no command specified");
        }
        if (invert) {
            throw IptablesException.parameter("nothing appropriate following !");
        }
        int ruleCommands = Command.REPLACE.bit() | Command.INSERT.bit() | Command.DELETE.bit()
                | Command.APPEND.bit() | Command.CHECK.bit();
        List<Rule> rules = new ArrayList<>();
        if ((commands & ruleCommands) != 0) {
            rules = rule.build();
            if (rule.queuesToUserspace() && (commands & (Command.DELETE.bit() | Command.CHECK.bit())) != 0) {
                throw IptablesException.kernel("Bad rule (does a matching rule exist in that chain?)");
            }
            if (rule.queuesToUserspace()) {
                String operation = commands == Command.APPEND.bit() ? "RULE_APPEND"
                        : commands == Command.INSERT.bit() ? "RULE_INSERT" : "RULE_REPLACE";
                throw IptablesException.commit(operation + " failed (No such file or directory): rule in chain " + chain);
            }
            if (commands == Command.REPLACE.bit() && rules.size() != 1) {
                throw IptablesException.parameter("Replacement rule does not specify a unique address");
            }
        } else {
            rule.checkAddresses();
        }
        checkOptions();
        if (chain != null && chain.length() >= ChainNames.MAX_LENGTH) {
            throw IptablesException.parameter("chain name `" + chain + "' too long (must be under "
                    + ChainNames.MAX_LENGTH + " chars)");
        }
        if ((commands & (ruleCommands | Command.DELETE_NUM.bit())) != 0) {
            if ((chain.equals("PREROUTING") || chain.equals("INPUT")) && (options & OPT_VIANAMEOUT) != 0) {
                throw IptablesException.parameter("Can't use -o with " + chain + "\n");
            }
            if ((chain.equals("POSTROUTING") || chain.equals("OUTPUT")) && (options & OPT_VIANAMEIN) != 0) {
                throw IptablesException.parameter("Can't use -i with " + chain + "\n");
            }
        }
        return new ParsedCommand(commands, chain, ruleNumber, newName, policy, table,
                (options & OPT_VERBOSE) != 0, (options & OPT_NUMERIC) != 0, (options & OPT_EXPANDED) != 0,
                (options & OPT_LINENUMBERS) != 0, rules, new PacketCounters(packets, bytes));
    }

    /** iptables' generic_opt_check: an option is legal if any given command allows it. */
    private void checkOptions() {
        for (int i = 0; i < OPTION_LETTERS.length; i++) {
            if ((options & 1 << i) == 0) {
                continue;
            }
            int legal = 0;
            for (Command command : Command.values()) {
                if ((commands & command.bit()) == 0) {
                    continue;
                }
                if (LEGAL[command.ordinal()].charAt(i) != 'x') {
                    legal = 1;
                } else if (legal == 0) {
                    legal = -1;
                }
            }
            if (legal == -1) {
                throw IptablesException.parameter("Illegal option `-" + OPTION_LETTERS[i] + "' with this command");
            }
        }
    }
}
