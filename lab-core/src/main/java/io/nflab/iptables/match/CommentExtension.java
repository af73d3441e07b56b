package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.CommentMatch;
import java.util.List;

/** {@code -m comment --comment TEXT}: up to 255 characters are kept. */
public final class CommentExtension implements MatchExtension<CommentMatch> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("comment", 0));
    private static final int SIZE = 256;

    @Override
    public String name() {
        return "comment";
    }

    @Override
    public Class<CommentMatch> type() {
        return CommentMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<CommentMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("comment", OPTIONS) {
            private String comment;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                comment = argument.length() >= SIZE ? argument.substring(0, SIZE - 1) : argument;
            }

            @Override
            public CommentMatch finish() {
                if (comment == null) {
                    throw IptablesException.parameter("comment: option \"--comment\" must be specified\n");
                }
                return new CommentMatch(comment);
            }
        };
    }

    @Override
    public void save(CommentMatch match, IpSpec ip, StringBuilder out) {
        out.append(" --comment").append(OptionValues.saveString(match.comment()));
    }

    @Override
    public void print(CommentMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" /* ").append(match.comment()).append(" */");
    }
}
