package io.nflab.topology;

import io.nflab.diagnostics.SourceLocation;
import io.nflab.diagnostics.UserInputException;
import io.nflab.iptables.CommandResult;
import io.nflab.iptables.Iptables;
import io.nflab.netfilter.Netfilter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a topology's {@link Ruleset} the way a node boots with it: {@code iptables-restore -c} into
 * an empty netfilter state. A ruleset iptables-restore refuses is reported at the file and line of
 * the offending line, with iptables-restore's own message.
 */
public final class RulesetLoader {
    /** Every iptables-restore error names its input line in one of these shapes. */
    private static final Pattern LINE = Pattern.compile("(?:line:? |Bad line )(\\d+)");

    private RulesetLoader() {
    }

    /** A problem with a ruleset: where it is and what iptables-restore said. */
    public static final class RulesetException extends UserInputException {
        private final SourceLocation location;
        private final String detail;

        RulesetException(SourceLocation location, String detail) {
            super(location + ": " + detail);
            this.location = location;
            this.detail = detail;
        }

        public SourceLocation location() {
            return location;
        }

        /** The message without the location. */
        public String detail() {
            return detail;
        }
    }

    public static Netfilter load(Ruleset ruleset) {
        Netfilter netfilter = Netfilter.empty();
        CommandResult result = Iptables.execute(netfilter, List.of("iptables-restore", "-c"), ruleset.text());
        if (!result.succeeded()) {
            throw refusal(ruleset, result.stderr());
        }
        return netfilter;
    }

    private static RulesetException refusal(Ruleset ruleset, String stderr) {
        Matcher line = LINE.matcher(stderr);
        SourceLocation start = ruleset.start();
        SourceLocation at = line.find()
                ? new SourceLocation(start.file(), start.line() + Integer.parseInt(line.group(1)) - 1, 1)
                : start;
        String message = stderr.lines()
                .filter(text -> !text.isBlank() && !text.startsWith("Try `iptables-restore -h'"))
                .map(String::strip)
                .reduce((first, second) -> first + "; " + second)
                .orElse("iptables-restore failed");
        return new RulesetException(at, "iptables-restore refuses the " + ruleset.origin() + " ruleset: " + message);
    }
}
