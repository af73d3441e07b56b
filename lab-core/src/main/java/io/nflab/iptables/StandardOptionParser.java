package io.nflab.iptables;

import java.util.List;

/**
 * The checks libxtables makes for extensions using its option API before the extension sees an
 * option: each option once ("can only be used once"), {@code !} only where allowed ("cannot be
 * inverted"). Messages name the extension and the option's first spelling, like libxtables.
 */
public abstract class StandardOptionParser<T> implements OptionParser<T> {
    private final String extension;
    private final List<ExtensionOption> options;
    private final long invertible;
    private long seen;

    /** {@code invertibleIds}: the option ids that take a {@code !}. */
    protected StandardOptionParser(String extension, List<ExtensionOption> options, int... invertibleIds) {
        this.extension = extension;
        this.options = options;
        long mask = 0;
        for (int id : invertibleIds) {
            mask |= 1L << id;
        }
        this.invertible = mask;
    }

    @Override
    public final void option(ExtensionOption option, String argument, boolean inverted) {
        String name = canonicalName(option.id());
        if ((seen & 1L << option.id()) != 0 && !repeatable(option.id())) {
            throw IptablesException.parameter(extension + ": option \"--" + name + "\" can only be used once.\n");
        }
        if (inverted && (invertible & 1L << option.id()) == 0) {
            throw IptablesException.parameter(extension + ": option \"--" + name + "\" cannot be inverted.\n");
        }
        seen |= 1L << option.id();
        parse(option.id(), argument, inverted);
    }

    /** Whether an option may be given more than once (libxtables' XTOPT_MULTI). */
    protected boolean repeatable(int id) {
        return false;
    }

    protected abstract void parse(int id, String argument, boolean inverted);

    protected final boolean seen(int id) {
        return (seen & 1L << id) != 0;
    }

    protected final boolean seenAny() {
        return seen != 0;
    }

    /** The first spelling of an option id, which libxtables uses in its messages. */
    protected final String canonicalName(int id) {
        for (ExtensionOption option : options) {
            if (option.id() == id) {
                return option.name();
            }
        }
        throw new IllegalArgumentException("unknown option id " + id);
    }

    protected final String extension() {
        return extension;
    }

    /**
     * libxtables' exclusion check ({@code .excl}) for options that exclude each other: the first option
     * in table order that was given, against the lowest other id given.
     */
    protected final void checkExclusive(int... ids) {
        long group = 0;
        for (int id : ids) {
            group |= 1L << id;
        }
        for (ExtensionOption option : options) {
            if (!seen(option.id()) || (group & 1L << option.id()) == 0) {
                continue;
            }
            for (int other = 0; other < 64; other++) {
                if (other != option.id() && seen(other) && (group & 1L << other) != 0) {
                    throw IptablesException.parameter(extension + ": option \"--" + option.name()
                            + "\" cannot be used together with \"--" + canonicalName(other) + "\".\n");
                }
            }
        }
    }

    /** libxtables' "bad value for option" message for an integer out of {@code min}..{@code max}. */
    protected final IptablesException badValue(int id, long min, long max) {
        return IptablesException.parameter(extension + ": bad value for option \"--" + canonicalName(id)
                + "\", or out of range (" + min + "-" + max + ").\n");
    }
}
