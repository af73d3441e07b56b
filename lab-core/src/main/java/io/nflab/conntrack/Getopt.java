package io.nflab.conntrack;

import java.util.ArrayList;
import java.util.List;

/**
 * GNU {@code getopt_long} as conntrack(8) calls it: option string starting with ':' (a missing argument
 * gives ':'), no error printing, argument permutation (non-options are skipped), short option clusters,
 * {@code ::} optional arguments, long options with {@code =value} or a following argument, and unambiguous
 * abbreviations of long options. Long options may be added while parsing (conntrack merges a protocol's
 * options when it meets {@code -p}).
 */
final class Getopt {
    /** A long option: name, argument kind and the value returned for it. */
    record LongOption(String name, Arg arg, int value) {
    }

    enum Arg {
        NONE, REQUIRED, OPTIONAL
    }

    /** One parsed option: its value ({@code '?'} unknown, {@code ':'} missing argument) and argument. */
    record Option(int value, String argument) {
    }

    static final int END = -1;

    private final List<String> argv;
    private final String shortOptions;
    private final List<LongOption> longOptions = new ArrayList<>();
    /** Index of the next argument to look at; argv.get(optind - 1) is what error messages quote. */
    private int optind = 1;
    /** Position inside a short option cluster, 0 when between arguments. */
    private int nextChar;

    Getopt(List<String> argv, String shortOptions, List<LongOption> longOptions) {
        this.argv = argv;
        this.shortOptions = shortOptions;
        this.longOptions.addAll(longOptions);
    }

    void addLongOptions(List<LongOption> options) {
        longOptions.addAll(options);
    }

    /** The argument getopt would quote in an error about the option just returned ({@code argv[optind-1]}). */
    String lastArgument() {
        return argv.get(optind - 1);
    }

    /**
     * conntrack's {@code get_optional_arg} for an option without an attached argument: the next argument if
     * it exists and does not start with '-' or '!', consumed.
     */
    String takeOptionalArgument() {
        if (optind < argv.size() && !argv.get(optind).startsWith("-") && !argv.get(optind).startsWith("!")) {
            return argv.get(optind++);
        }
        return null;
    }

    /** The next option, or {@link #END}. */
    Option next() {
        if (nextChar == 0) {
            while (optind < argv.size() && !isOption(argv.get(optind))) {
                if (argv.get(optind).equals("--")) {
                    optind = argv.size();
                    return new Option(END, null);
                }
                optind++; // permuted away: conntrack never looks at it
            }
            if (optind >= argv.size()) {
                return new Option(END, null);
            }
            String arg = argv.get(optind);
            if (arg.startsWith("--")) {
                return longOption(arg.substring(2));
            }
            nextChar = 1;
        }
        return shortOption();
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1 && !arg.equals("--");
    }

    private Option shortOption() {
        String arg = argv.get(optind);
        char c = arg.charAt(nextChar++);
        int spec = c == ':' ? -1 : shortOptions.indexOf(c);
        boolean clusterEnds = nextChar >= arg.length();
        if (spec < 0) {
            if (clusterEnds) {
                endCluster();
            }
            return new Option('?', null);
        }
        boolean takesArgument = spec + 1 < shortOptions.length() && shortOptions.charAt(spec + 1) == ':';
        boolean optional = takesArgument && spec + 2 < shortOptions.length() && shortOptions.charAt(spec + 2) == ':';
        if (!takesArgument) {
            if (clusterEnds) {
                endCluster();
            }
            return new Option(c, null);
        }
        if (!clusterEnds) {
            String attached = arg.substring(nextChar);
            endCluster();
            return new Option(c, attached);
        }
        endCluster();
        if (optional) {
            return new Option(c, null);
        }
        if (optind >= argv.size()) {
            return new Option(':', null);
        }
        return new Option(c, argv.get(optind++));
    }

    private void endCluster() {
        nextChar = 0;
        optind++;
    }

    private Option longOption(String body) {
        int equals = body.indexOf('=');
        String name = equals < 0 ? body : body.substring(0, equals);
        optind++;
        LongOption found = null;
        boolean ambiguous = false;
        for (LongOption option : longOptions) {
            if (option.name().equals(name)) {
                found = option;
                ambiguous = false;
                break;
            }
            if (option.name().startsWith(name)) {
                if (found == null) {
                    found = option;
                } else if (found.arg() != option.arg() || found.value() != option.value()) {
                    ambiguous = true;
                }
            }
        }
        if (found == null || ambiguous || name.isEmpty()) {
            return new Option('?', null);
        }
        if (equals >= 0) {
            if (found.arg() == Arg.NONE) {
                return new Option('?', null);
            }
            return new Option(found.value(), body.substring(equals + 1));
        }
        if (found.arg() == Arg.REQUIRED) {
            if (optind >= argv.size()) {
                return new Option(':', null);
            }
            return new Option(found.value(), argv.get(optind++));
        }
        return new Option(found.value(), null);
    }
}
