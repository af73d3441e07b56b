package io.nflab.routing;

import io.nflab.link.Errno;
import io.nflab.link.NetlinkException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * {@code ip rule} (iproute2 6.1's {@code iprule.c}): list, add, del and flush of the routing policy database
 * with the selectors {@code from}, {@code to}, {@code fwmark}, {@code iif}/{@code dev}, {@code oif},
 * {@code pref} and the action {@code lookup}/{@code table}. Other selectors and actions are refused.
 */
final class RuleCommand<P> {

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
        for (RoutingRule rule : context.namespace.rules()) {
            context.out.append(rule.format(name -> context.namespace.links().byName(name).isPresent())).append('\n');
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
            if (word.equals("from") || word.equals("to")) {
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
            } else if (IpArgs.matches(word, "help")) {
                throw IpExit.usage("rule");
            } else if (isKnownUnsupported(word)) {
                throw IpExit.unsupported(word);
            } else {
                throw IpExit.invalidArgument("Failed to parse rule type", word);
            }
        }
        return request;
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
        return word.equals("not") || word.equals("tos") || IpArgs.matches(word, "dsfield")
                || IpArgs.matches(word, "realms") || IpArgs.matches(word, "protocol")
                || IpArgs.matches(word, "suppress_prefixlength") || word.equals("sup_pl")
                || IpArgs.matches(word, "suppress_ifgroup") || word.equals("sup_group")
                || word.equals("l3mdev") || word.equals("uidrange") || word.equals("nat")
                || IpArgs.matches(word, "map-to") || word.equals("ipproto") || word.equals("sport")
                || word.equals("dport") || word.equals("type") || IpArgs.matches(word, "goto")
                || IpArgs.matches(word, "nop") || RouteType.ofKeyword(word).isPresent();
    }

    /** What one {@code ip rule add|del} command says; unset fields are wildcards for {@code del}. */
    private static final class Request {
        RoutingRule.Selector from = RoutingRule.Selector.ALL;
        RoutingRule.Selector to = RoutingRule.Selector.ALL;
        OptionalLong priority = OptionalLong.empty();
        OptionalLong mark = OptionalLong.empty();
        OptionalLong mask = OptionalLong.empty();
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        Long table;

        /** The rule the kernel makes ({@code fib_nl2rule}): a non-zero mark without mask gets a full one. */
        RoutingRule rule(long pref) {
            long markValue = mark.orElse(0);
            long maskValue = mask.orElse(markValue != 0 ? RoutingRule.FULL_MASK : 0);
            return new RoutingRule(pref, from, to, markValue, maskValue, iif, oif,
                    table == null ? RouteTables.MAIN : table);
        }

        /** The kernel's {@code rule_find}: the given attributes must agree, the others are wildcards. */
        Predicate<RoutingRule> selector() {
            return r -> (table == null || r.table() == table)
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
