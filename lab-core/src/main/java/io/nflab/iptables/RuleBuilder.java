package io.nflab.iptables;

import io.nflab.iptables.Getopt.ArgKind;
import io.nflab.iptables.Getopt.LongOption;
import io.nflab.netfilter.AddressSpec;
import io.nflab.netfilter.FragmentSpec;
import io.nflab.netfilter.InterfaceSpec;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.Rule;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.match.TcpMatch;
import io.nflab.netfilter.match.UdpMatch;
import io.nflab.netfilter.target.Goto;
import io.nflab.netfilter.target.Jump;
import io.nflab.netfilter.target.NoTarget;
import io.nflab.netfilter.target.Target;
import io.nflab.netfilter.target.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule part of a command line while it is parsed: the IP-level options, the loaded match
 * instances in order (each with its option parser) and the target. Builds the {@link Rule}s at the end.
 */
final class RuleBuilder implements RuleContext {

    /** The getopt key of an extension option: which extension it belongs to, and which option it is. */
    record OptionKey(Object extension, ExtensionOption option) {
    }

    /** One {@code -m} (or implied protocol) match of this rule. */
    private static final class MatchInstance {
        final MatchExtension<?> extension;
        final OptionParser<? extends Match> parser;
        boolean completed;
        Match result;

        MatchInstance(MatchExtension<?> extension, OptionParser<? extends Match> parser) {
            this.extension = extension;
            this.parser = parser;
        }
    }

    private final Getopt getopt;
    private final StringBuilder warnings;
    private final List<MatchInstance> matches = new ArrayList<>();
    /** Extensions in the order their options were merged into the getopt table, newest first. */
    private final List<Object> merged = new ArrayList<>();
    private String protocolText;
    private int protocol;
    private boolean protocolNegated;
    private boolean protocolUsed;
    private String sourceText;
    private boolean sourceNegated;
    private String destinationText;
    private boolean destinationNegated;
    private InterfaceSpec in = InterfaceSpec.ANY;
    private InterfaceSpec out = InterfaceSpec.ANY;
    private FragmentSpec fragment = FragmentSpec.ANY;
    private String jumpName;
    private boolean isGoto;
    private TargetExtension<?> targetExtension;
    private OptionParser<? extends Target> targetParser;
    private Target target;

    RuleBuilder(Getopt getopt, StringBuilder warnings) {
        this.getopt = getopt;
        this.warnings = warnings;
    }

    @Override
    public void warn(String message) {
        warnings.append(message).append('\n');
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public boolean protocolNegated() {
        return protocolNegated;
    }

    @Override
    public String takeFollowingWord() {
        int optind = getopt.optind();
        if (optind >= getopt.argc()) {
            return null;
        }
        String next = getopt.arg(optind);
        if (next.startsWith("-") || next.startsWith("!")) {
            return null;
        }
        getopt.setOptind(optind + 1);
        return next;
    }

    void protocol(String text, boolean negated) {
        protocolText = text.toLowerCase(Locale.ROOT);
        protocol = Protocols.parse(protocolText);
        protocolNegated = negated;
        if (protocol == 0 && negated) {
            throw IptablesException.parameter("rule would never match protocol");
        }
    }

    void source(String text, boolean negated) {
        sourceText = text;
        sourceNegated = negated;
    }

    void destination(String text, boolean negated) {
        destinationText = text;
        destinationNegated = negated;
    }

    void inInterface(String name, boolean negated) {
        in = Interfaces.parse(name, negated, this);
    }

    void outInterface(String name, boolean negated) {
        out = Interfaces.parse(name, negated, this);
    }

    void fragment(boolean negated) {
        fragment = negated ? FragmentSpec.NOT_NON_FIRST_FRAGMENTS : FragmentSpec.NON_FIRST_FRAGMENTS;
    }

    String jumpName() {
        return jumpName;
    }

    /** {@code -j NAME} / {@code -g NAME}: loads a target extension for -j when NAME is one. */
    void jumpTo(String name, boolean goTo) {
        if (name.isEmpty()) {
            throw IptablesException.parameter("Invalid target name (too short)");
        }
        if (name.length() >= ChainNames.MAX_LENGTH) {
            throw IptablesException.parameter("Invalid target name `" + name + "' (" + (ChainNames.MAX_LENGTH - 1)
                    + " chars max)");
        }
        for (char c : name.toCharArray()) {
            if (Character.isWhitespace(c)) {
                throw IptablesException.parameter("Invalid target name `" + name + "'");
            }
        }
        jumpName = name;
        isGoto = goTo;
        if (goTo) {
            return;
        }
        if (UnsupportedExtensions.isTarget(name)) {
            throw UnsupportedExtensions.refuse("target", name);
        }
        targetExtension = Extensions.get().target(name).orElse(null);
        if (targetExtension != null) {
            targetParser = targetExtension.newParser(this);
            merged.remove(targetExtension);
            merged.add(0, targetExtension);
        }
    }

    /** {@code -m NAME}. */
    void loadMatch(String name) {
        if (name.length() >= ChainNames.MAX_LENGTH) {
            throw IptablesException.parameter("Invalid match name \"" + name + "\" (" + (ChainNames.MAX_LENGTH - 1)
                    + " chars max)");
        }
        if (UnsupportedExtensions.isMatch(name)) {
            throw UnsupportedExtensions.refuse("match", name);
        }
        MatchExtension<?> extension = Extensions.get().match(name).orElseThrow(() ->
                IptablesException.parameter("Couldn't load match `" + name + "':No such file or directory\n"));
        addMatch(extension);
    }

    private void addMatch(MatchExtension<?> extension) {
        for (MatchInstance instance : matches) {
            instance.completed = true;
        }
        matches.add(new MatchInstance(extension, extension.newParser(this)));
        if (!merged.contains(extension)) {
            merged.add(0, extension);
        }
    }

    /** iptables' load_proto: loads the match named after {@code -p} once, for an option nothing else took. */
    boolean loadProtocolMatch() {
        if (protocolText == null || protocolUsed) {
            return false;
        }
        var name = Numbers.parse(protocolText, 0, 255).isPresent()
                ? Protocols.name(protocol, false).orElse(null) : protocolText;
        if (name == null) {
            return false;
        }
        var extension = Extensions.get().match(name);
        if (extension.isEmpty()) {
            return false;
        }
        protocolUsed = true;
        addMatch(extension.get());
        return true;
    }

    /** The getopt table: iptables' own options, then each loaded extension's, newest first. */
    List<LongOption> mergeOptions(List<LongOption> original) {
        List<LongOption> all = new ArrayList<>(original);
        for (Object extension : merged) {
            List<ExtensionOption> options = extension instanceof MatchExtension<?> m ? m.options()
                    : ((TargetExtension<?>) extension).options();
            for (ExtensionOption option : options) {
                all.add(new LongOption(option.name(), option.takesArgument() ? ArgKind.REQUIRED : ArgKind.NONE,
                        new OptionKey(extension, canonical(options, option))));
            }
        }
        return all;
    }

    /** Synonyms share one key so that getopt does not find their common prefixes ambiguous. */
    private static ExtensionOption canonical(List<ExtensionOption> options, ExtensionOption option) {
        for (ExtensionOption candidate : options) {
            if (candidate.id() == option.id()) {
                return candidate.takesArgument() == option.takesArgument() ? candidate : option;
            }
        }
        return option;
    }

    /** Hands an extension option to its target or match; false when no loaded instance takes it. */
    boolean extensionOption(OptionKey key, String argument, boolean inverted) {
        ExtensionOption given = key.option();
        if (targetParser != null && key.extension() == targetExtension) {
            targetParser.option(given, argument, inverted);
            return true;
        }
        for (MatchInstance instance : matches) {
            if (!instance.completed && instance.extension == key.extension()) {
                instance.parser.option(given, argument, inverted);
                return true;
            }
        }
        return false;
    }

    /** The extensions' final checks, in iptables' order: matches, then the target. */
    void finishExtensions() {
        for (MatchInstance instance : matches) {
            instance.result = instance.parser.finish();
        }
        if (targetParser != null) {
            target = targetParser.finish();
        }
    }

    /** Parses -s/-d as iptables does after the command line (errors even for commands that take no rule). */
    void checkAddresses() {
        if (sourceText != null) {
            Addresses.parseList(sourceText);
        }
        if (destinationText != null) {
            Addresses.parseList(destinationText);
        }
    }

    /** One rule per source × destination address (source outer), as iptables adds them. */
    List<Rule> build() {
        List<AddressSpec> sources = sourceText == null ? List.of(AddressSpec.ANY)
                : Addresses.parseList(sourceText);
        List<AddressSpec> destinations = destinationText == null ? List.of(AddressSpec.ANY)
                : Addresses.parseList(destinationText);
        if ((sources.size() > 1 || destinations.size() > 1) && (sourceNegated || destinationNegated)) {
            throw IptablesException.parameter("! not allowed with multiple source or destination IP addresses");
        }
        List<Match> built = new ArrayList<>();
        for (MatchInstance instance : matches) {
            checkNativeTranslation(instance.result);
            built.add(instance.result);
        }
        built = NativeTranslation.apply(built);
        Target finalTarget = finalTarget();
        List<Rule> rules = new ArrayList<>();
        for (AddressSpec source : sources) {
            for (AddressSpec destination : destinations) {
                IpSpec ip = new IpSpec(new Negatable<>(protocol, protocolNegated),
                        new AddressSpec(source.address(), source.mask(), sourceNegated),
                        new AddressSpec(destination.address(), destination.mask(), destinationNegated),
                        in, out, fragment);
                rules.add(new Rule(ip, built, finalTarget));
            }
        }
        return rules;
    }

    private Target finalTarget() {
        if (jumpName == null) {
            return NoTarget.INSTANCE;
        }
        if (target != null) {
            return target;
        }
        if (isGoto) {
            return new Goto(jumpName);
        }
        if (ChainNames.isStandardVerdict(jumpName)) {
            if (jumpName.equals("QUEUE")) {
                // never stored: the caller reports the kernel's refusal (queuesToUserspace)
                return NoTarget.INSTANCE;
            }
            return Verdict.valueOf(jumpName);
        }
        return new Jump(jumpName);
    }

    /**
     * {@code -j QUEUE}: the kernel refuses it when the rule is committed (no queue handler), so the
     * rule never exists; the caller reports that refusal.
     */
    boolean queuesToUserspace() {
        return "QUEUE".equals(jumpName) && !isGoto;
    }

    /** The match {@code -h} describes after iptables' own help: the protocol's, when no -m was given. */
    String protocolMatchName() {
        if (!matches.isEmpty() || protocolText == null) {
            return null;
        }
        return Numbers.parse(protocolText, 0, 255).isPresent() ? Protocols.name(protocol, false).orElse(null)
                : protocolText;
    }

    /** The nf_tables backend turns tcp/udp port tests into native expressions and checks the protocol then. */
    private void checkNativeTranslation(Match match) {
        if (match instanceof TcpMatch tcp && !tcp.equals(TcpMatch.ANY) && !tcp.option().negated()
                && tcp.option().value() == 0 && protocol != 6) {
            throw IptablesException.parameter("TCP match requires '-p tcp'");
        }
        if (match instanceof UdpMatch udp && !udp.equals(UdpMatch.ANY) && protocol != 17) {
            throw IptablesException.parameter("UDP match requires '-p udp'");
        }
    }
}
