package io.nflab.routing;

import io.nflab.link.Errno;
import io.nflab.link.NetlinkException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ip rule} (iproute2 6.1's {@code iprule.c}): list, add, del and flush of the routing policy database
 * with the selectors {@code not}, {@code from}, {@code to}, {@code tos}/{@code dsfield}, {@code fwmark},
 * {@code iif}/{@code dev}, {@code oif}, {@code uidrange}, {@code ipproto}, {@code sport}, {@code dport},
 * {@code pref} and the actions {@code lookup}/{@code table}, {@code goto}, {@code nop} and {@code [type] TYPE}.
 * {@code realms}, {@code protocol}, {@code suppress_*}, {@code l3mdev} and {@code nat} are refused.
 */
final class RuleCommand<P> {

    /** {@code sscanf("%u-%u")} as far as iproute2's users write it: two decimal numbers. */
    private static final Pattern UID_RANGE = Pattern.compile("([0-9]+)-([0-9]+)");
    /** {@code sscanf("%hu-%hu")}: a number, optionally a dash and a second one; the rest is ignored. */
    private static final Pattern PORT_RANGE = Pattern.compile("([0-9]{1,18})(?:-([0-9]{1,18}))?");

    private final IpContext<P> context;

    RuleCommand(IpContext<P> context) {
        this.context = context;
    }

    void run(IpArgs args) {
        if (!args.hasNext()) {
            list(args);
            return;
        }
        String command = args.take();
        if (IpArgs.matches(command, "list") || IpArgs.matches(command, "lst") || IpArgs.matches(command, "show")) {
            list(args);
        } else if (IpArgs.matches(command, "save") || IpArgs.matches(command, "restore")) {
            throw IpExit.unsupported("ip rule " + command);
        } else if (IpArgs.matches(command, "add")) {
            add(parse(args));
        } else if (IpArgs.matches(command, "delete")) {
            if (!args.hasNext()) {
                throw new IpExit(1, "\"ip rule del\" requires arguments.\n");
            }
            context.namespace.deleteRule(parse(args).selector());
        } else if (IpArgs.matches(command, "flush")) {
            if (args.hasNext()) {
                throw IpExit.unsupported(args.peek());
            }
            // iproute2 deletes every rule it lists with a priority; rule 0 has none on the wire
            while (context.namespace.rules().stream().anyMatch(r -> r.priority() != 0)) {
                context.namespace.deleteRule(r -> r.priority() != 0);
            }
        } else if (IpArgs.matches(command, "help")) {
            throw IpExit.usage("rule");
        } else {
            throw new IpExit(255, "Command \"" + command + "\" is unknown, try \"ip rule help\".\n");
        }
    }

    private void list(IpArgs args) {
        if (args.hasNext()) {
            throw IpExit.unsupported(args.peek());
        }
        RoutingRules rules = context.namespace.fib().rules();
        for (RoutingRule rule : rules.list()) {
            context.out.append(rule.format(name -> context.namespace.links().byName(name).isPresent(),
                    !rules.isUnresolved(rule))).append('\n');
        }
    }

    private void add(Request request) {
        RoutingRule rule = request.rule(request.priority.isPresent() ? request.priority.getAsLong()
                : context.namespace.defaultRulePriority());
        if (request.priority.isPresent() && context.namespace.rules().contains(rule)) {
            throw new NetlinkException(Errno.EEXIST);
        }
        context.namespace.addRule(rule);
    }

    /** {@code iprule_modify}'s argument loop. */
    private Request parse(IpArgs args) {
        Request request = new Request();
        while (args.hasNext()) {
            String word = args.take();
            if (word.equals("not")) {
                request.invert = true;
            } else if (word.equals("from") || word.equals("to")) {
                IpWords.InetPrefix prefix = IpWords.prefix(args.argument(), context.inet);
                RoutingRule.Selector selector = new RoutingRule.Selector(prefix.address(), prefix.length());
                if (word.equals("from")) {
                    request.from = selector;
                } else {
                    request.to = selector;
                }
            } else if (IpArgs.matches(word, "preference") || IpArgs.matches(word, "order")
                    || IpArgs.matches(word, "priority")) {
                String value = args.argument();
                request.priority = IpWords.unsigned(value);
                if (request.priority.isEmpty()) {
                    throw IpExit.invalidArgument("preference value is invalid\n", value);
                }
            } else if (IpArgs.matches(word, "tos") || word.equals("dsfield")) {
                String value = args.argument();
                request.tos = IpWords.dsfield(value)
                        .orElseThrow(() -> IpExit.invalidArgument("TOS value is invalid\n", value));
            } else if (word.equals("fwmark")) {
                fwmark(request, args.argument());
            } else if (IpArgs.matches(word, "table") || word.equals("lookup")) {
                String value = args.argument();
                request.table = RouteTables.parse(value)
                        .orElseThrow(() -> IpExit.invalidArgument("invalid table ID\n", value));
                if (request.table == 0) {
                    throw IpExit.unsupported(value);
                }
            } else if (word.equals("dev") || word.equals("iif") || word.equals("iifname")) {
                request.iif = Optional.of(deviceName(args.argument(), "\"iif\"/\"dev\" not a valid ifname"));
            } else if (word.equals("oif") || word.equals("oifname")) {
                request.oif = Optional.of(deviceName(args.argument(), "\"oif\" not a valid ifname"));
            } else if (word.equals("uidrange")) {
                String value = args.argument();
                Matcher range = UID_RANGE.matcher(value);
                OptionalLong start = range.matches() ? IpWords.unsigned(range.group(1)) : OptionalLong.empty();
                OptionalLong end = range.matches() ? IpWords.unsigned(range.group(2)) : OptionalLong.empty();
                if (start.isEmpty() || end.isEmpty()) {
                    throw IpExit.invalidArgument("invalid UID range\n", value);
                }
                request.uids = new RoutingRule.UidRange(start.getAsLong(), end.getAsLong());
            } else if (word.equals("ipproto")) {
                String value = args.argument();
                request.protocol = IpWords.protocol(value)
                        .orElseThrow(() -> IpExit.invalidArgument("Invalid \"ipproto\" value\n", value));
            } else if (word.equals("sport") || word.equals("dport")) {
                String value = args.argument();
                RoutingRule.PortRange range = portRange(value);
                if (word.equals("sport")) {
                    request.sourcePorts = range;
                } else {
                    request.destinationPorts = range;
                }
            } else if (isKnownUnsupported(word)) {
                throw IpExit.unsupported(word);
            } else {
                action(request, word.equals("type") ? args.argument() : word, args);
            }
        }
        return request;
    }

    /** The last branch of {@code iprule_modify}: {@code [type] goto N | nop | TYPE}. */
    private static void action(Request request, String word, IpArgs args) {
        if (IpArgs.matches(word, "help")) {
            throw IpExit.usage("rule");
        }
        if (IpArgs.matches(word, "goto")) {
            String value = args.argument();
            request.target = IpWords.unsigned(value)
                    .orElseThrow(() -> IpExit.invalidArgument("invalid target\n", value));
            request.action = RuleAction.GOTO;
        } else if (IpArgs.matches(word, "nop")) {
            request.action = RuleAction.NOP;
        } else if (word.equals("nat") || word.equals("xresolve") || word.equals("10") || word.equals("11")) {
            throw IpExit.unsupported(word);
        } else {
            request.action = RuleAction.ofType(word)
                    .orElseThrow(() -> IpExit.invalidArgument("Failed to parse rule type", word));
        }
    }

    /** {@code sscanf(word, "%hu-%hu")}: one port or a range, each taken modulo 65536 as C's %hu does. */
    private static RoutingRule.PortRange portRange(String word) {
        Matcher range = PORT_RANGE.matcher(word);
        if (!range.lookingAt()) {
            throw IpExit.invalidArgument("invalid port range\n", word);
        }
        int start = (int) (Long.parseLong(range.group(1)) & 0xffff);
        int end = range.group(2) == null ? start : (int) (Long.parseLong(range.group(2)) & 0xffff);
        return new RoutingRule.PortRange(start, end);
    }

    private static void fwmark(Request request, String value) {
        int slash = value.indexOf('/');
        String markText = slash < 0 ? value : value.substring(0, slash);
        OptionalLong mark = IpWords.unsigned(markText);
        if (mark.isEmpty()) {
            throw IpExit.invalidArgument("fwmark value is invalid\n", markText);
        }
        request.mark = mark;
        if (slash >= 0) {
            String maskText = value.substring(slash + 1);
            OptionalLong mask = IpWords.unsigned(maskText);
            if (mask.isEmpty()) {
                throw IpExit.invalidArgument("fwmask value is invalid\n", maskText);
            }
            request.mask = mask;
        }
    }

    /** iproute2's {@code check_ifname}: 1 to 15 bytes, no slash, colon or white space, not "." or "..". */
    private static String deviceName(String name, String message) {
        boolean valid = !name.isEmpty() && name.length() < 16 && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
        if (!valid) {
            throw IpExit.invalidArgument(message, name);
        }
        return name;
    }

    /** Words iproute2 6.1 takes in a rule that nflab does not emulate (types and other selectors/actions). */
    private static boolean isKnownUnsupported(String word) {
        return IpArgs.matches(word, "realms") || IpArgs.matches(word, "protocol")
                || IpArgs.matches(word, "suppress_prefixlength") || word.equals("sup_pl")
                || IpArgs.matches(word, "suppress_ifgroup") || word.equals("sup_group")
                || word.equals("l3mdev") || word.equals("nat") || IpArgs.matches(word, "map-to");
    }

    /** What one {@code ip rule add|del} command says; unset fields are wildcards for {@code del}. */
    private static final class Request {
        boolean invert;
        int tos;
        RoutingRule.UidRange uids;
        int protocol;
        RoutingRule.PortRange sourcePorts;
        RoutingRule.PortRange destinationPorts;
        RuleAction action;
        long target;
        RoutingRule.Selector from = RoutingRule.Selector.ALL;
        RoutingRule.Selector to = RoutingRule.Selector.ALL;
        OptionalLong priority = OptionalLong.empty();
        OptionalLong mark = OptionalLong.empty();
        OptionalLong mask = OptionalLong.empty();
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        Long table;

        /**
         * The kernel's checks of what was given ({@code fib_nl2rule} refuses a given range that is empty even
         * when it reads as unset).
         */
        void check() {
            if (sourcePorts != null) {
                RuleChecks.ports(sourcePorts, "sport");
            }
            if (destinationPorts != null) {
                RuleChecks.ports(destinationPorts, "dport");
            }
            if (uids != null) {
                RuleChecks.uids(uids);
            }
        }

        /**
         * The rule the kernel makes ({@code fib_nl2rule}): a non-zero mark without mask gets a full one; iproute2
         * makes a lookup without table or action one of main.
         */
        RoutingRule rule(long pref) {
            check();
            long markValue = mark.orElse(0);
            long maskValue = mask.orElse(markValue != 0 ? RoutingRule.FULL_MASK : 0);
            long tableValue = table != null ? table : action == null ? RouteTables.MAIN : 0;
            return new RoutingRule(pref, invert, from, to, tos, markValue, maskValue, iif, oif,
                    uids == null ? RoutingRule.UidRange.ALL : uids, protocol,
                    sourcePorts == null ? RoutingRule.PortRange.ANY : sourcePorts,
                    destinationPorts == null ? RoutingRule.PortRange.ANY : destinationPorts, tableValue,
                    action == null ? RuleAction.TO_TABLE : action, target);
        }

        /** The kernel's {@code rule_find}: the given attributes must agree, the others are wildcards. */
        Predicate<RoutingRule> selector() {
            check();
            return r -> (action == null || r.action() == action)
                    && (table == null || r.table() == table)
                    && (tos == 0 || r.tos() == tos)
                    && (uids == null || uids.equals(r.uids()))
                    && (protocol == 0 || r.protocol() == protocol)
                    && (sourcePorts == null || !sourcePorts.isSet() || sourcePorts.equals(r.sourcePorts()))
                    && (destinationPorts == null || !destinationPorts.isSet()
                            || destinationPorts.equals(r.destinationPorts()))
                    && (priority.isEmpty() || r.priority() == priority.getAsLong())
                    && (iif.isEmpty() || iif.equals(r.iif()))
                    && (oif.isEmpty() || oif.equals(r.oif()))
                    && (mark.isEmpty() || mark.getAsLong() == 0 || r.mark() == mark.getAsLong())
                    && (mask.isEmpty() || mask.getAsLong() == 0 || r.mask() == mask.getAsLong())
                    && (from.length() == 0 || from.equals(r.from()))
                    && (to.length() == 0 || to.equals(r.to()));
        }
    }
}
