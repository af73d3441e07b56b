package io.nflab.iptables;

import java.util.List;
import java.util.Objects;

/**
 * GNU {@code getopt_long} as iptables calls it: optstring {@code "-:…"} (non-options are returned in
 * order, a missing argument is reported as such, no messages), long options abbreviable to any
 * unambiguous prefix, and an option table that grows while parsing as extensions load.
 * {@link #optind()} and the returned texts follow glibc exactly, because iptables' error messages
 * quote {@code argv[optind-1]}.
 */
final class Getopt {

    /** How a long or short option takes its argument. */
    enum ArgKind { NONE, REQUIRED, OPTIONAL }

    /** One entry of the long option table; {@code key} is what the caller dispatches on. */
    record LongOption(String name, ArgKind arg, Object key) {
        LongOption {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arg, "arg");
            Objects.requireNonNull(key, "key");
        }
    }

    /** What one call of {@link #next} found. */
    sealed interface Result {
    }

    /** An option: {@code key} is the long option's key or the short option's {@link Character}. */
    record Found(Object key, String optarg) implements Result {
    }

    /** A non-option argument (returned in place, getopt's code 1). */
    record NonOption(String text) implements Result {
    }

    /**
     * An unknown or ambiguous option, or an argument given to an option that takes none (code '?');
     * {@code diagnostic} is what glibc prints when its messages are on.
     */
    record Unknown(String diagnostic) implements Result {
    }

    /** A required argument is missing (code ':'); {@code diagnostic} as glibc prints it. */
    record MissingArgument(String diagnostic) implements Result {
    }

    /** No more options (code -1). */
    record End() implements Result {
    }

    private final List<String> argv;
    private final String shortOptions;
    private int optind = 1;
    private String nextchar = "";

    /** {@code argv.get(0)} is the program name; {@code shortOptions} lists short options like getopt's optstring, without the leading "-:". */
    Getopt(List<String> argv, String shortOptions) {
        this.argv = List.copyOf(argv);
        this.shortOptions = shortOptions;
    }

    int optind() {
        return optind;
    }

    void setOptind(int value) {
        optind = value;
    }

    /** {@code argv[index]}. */
    String arg(int index) {
        return argv.get(index);
    }

    int argc() {
        return argv.size();
    }

    /** Steps back one argument so that it is parsed again with a larger option table (iptables' {@code optind--}). */
    void retry() {
        optind--;
        nextchar = "";
    }

    Result next(List<LongOption> longOptions) {
        if (nextchar.isEmpty()) {
            if (optind >= argv.size()) {
                return new End();
            }
            String current = argv.get(optind);
            if (current.equals("--")) {
                optind++;
                return new End();
            }
            if (!current.startsWith("-") || current.length() == 1) {
                optind++;
                return new NonOption(current);
            }
            if (current.startsWith("--")) {
                return longOption(current.substring(2), longOptions);
            }
            nextchar = current.substring(1);
        }
        return shortOption();
    }

    private Result longOption(String text, List<LongOption> longOptions) {
        int equals = text.indexOf('=');
        String name = equals < 0 ? text : text.substring(0, equals);
        LongOption found = null;
        for (LongOption option : longOptions) {
            if (option.name().equals(name)) {
                found = option;
                break;
            }
        }
        if (found == null) {
            boolean ambiguous = false;
            StringBuilder possibilities = new StringBuilder();
            for (LongOption option : longOptions) {
                if (option.name().startsWith(name)) {
                    possibilities.append(" '--").append(option.name()).append('\'');
                    if (found == null) {
                        found = option;
                    } else if (found.arg() != option.arg() || !found.key().equals(option.key())) {
                        ambiguous = true;
                    }
                }
            }
            if (ambiguous) {
                optind++;
                return new Unknown("option '--" + name + "' is ambiguous; possibilities:" + possibilities);
            }
            if (found == null) {
                optind++;
                return new Unknown("unrecognized option '--" + text + "'");
            }
        }
        optind++;
        if (equals >= 0) {
            if (found.arg() == ArgKind.NONE) {
                return new Unknown("option '--" + found.name() + "' doesn't allow an argument");
            }
            return new Found(found.key(), text.substring(equals + 1));
        }
        if (found.arg() == ArgKind.REQUIRED) {
            if (optind < argv.size()) {
                return new Found(found.key(), argv.get(optind++));
            }
            return new MissingArgument("option '--" + found.name() + "' requires an argument");
        }
        return new Found(found.key(), null);
    }

    private Result shortOption() {
        char c = nextchar.charAt(0);
        nextchar = nextchar.substring(1);
        if (nextchar.isEmpty()) {
            optind++;
        }
        int at = shortOptions.indexOf(c);
        if (at < 0 || c == ':' || c == ';') {
            return new Unknown("invalid option -- '" + c + "'");
        }
        boolean takesArgument = at + 1 < shortOptions.length() && shortOptions.charAt(at + 1) == ':';
        if (!takesArgument) {
            return new Found(c, null);
        }
        boolean optional = at + 2 < shortOptions.length() && shortOptions.charAt(at + 2) == ':';
        String optarg = null;
        if (!nextchar.isEmpty()) {
            optarg = nextchar;
            optind++;
        } else if (!optional) {
            if (optind == argv.size()) {
                nextchar = "";
                return new MissingArgument("option requires an argument -- '" + c + "'");
            }
            optarg = argv.get(optind++);
        }
        nextchar = "";
        return new Found(c, optarg);
    }
}
