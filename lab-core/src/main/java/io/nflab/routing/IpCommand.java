package io.nflab.routing;

import io.nflab.link.NeighbourAction;
import io.nflab.link.NetlinkException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code ip} command (iproute2 6.1) run on an emulated namespace: {@code ip addr}, {@code ip link},
 * {@code ip route}, {@code ip rule} and {@code ip neigh} with the options {@code -4} and {@code -br}, printing exactly what
 * iproute2 prints, with its error messages and exit codes (0; 1 for most of its own errors; 2 when the
 * kernel refuses; 255 for usage and argument errors). What iproute2 accepts but nflab does not emulate is
 * refused with a message naming the word, never ignored. docs/routing.md lists what is covered.
 */
public final class IpCommand {

    /** iproute2's objects in the order it matches abbreviations against them. */
    private static final List<String> OBJECTS = List.of("address", "addrlabel", "maddress", "route", "rule",
            "neighbor", "neighbour", "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl",
            "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns",
            "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "help", "stats");

    /** iproute2's global options in the order it matches abbreviations against them. */
    private static final List<String> OPTIONS = List.of("-loops", "-family", "-4", "-6", "-0", "-M", "-B", "-human",
            "-human-readable", "-iec", "-stats", "-statistics", "-details", "-resolve", "-oneline", "-timestamp",
            "-tshort", "-Version", "-force", "-batch", "-brief", "-json", "-pretty", "-rcvbuf", "-color", "-help",
            "-netns", "-Numeric", "-all");

    private IpCommand() {
    }

    /**
     * Runs {@code argv} (argv[0] is {@code "ip"}) on the namespace at lab time {@code now}; neighbour actions
     * a change causes (packets dropped when a device goes down) go to {@code actions}.
     */
    public static <P> IpResult execute(IpNamespace<P> namespace, List<String> argv, long now,
            Consumer<NeighbourAction<P>> actions) {
        Objects.requireNonNull(namespace, "namespace");
        if (argv.isEmpty() || !argv.get(0).equals("ip")) {
            throw new IllegalArgumentException("argv[0] must be \"ip\": " + argv);
        }
        IpContext<P> context = new IpContext<>(namespace, now, actions);
        int code;
        try {
            code = run(context, new IpArgs(argv.subList(1, argv.size())));
        } catch (IpExit e) {
            context.err.append(e.stderr());
            code = e.exitCode();
        } catch (NetlinkException e) {
            context.err.append(e.ipMessage()).append('\n');
            code = 2;
        }
        return new IpResult(code, context.out.toString(), context.err.toString());
    }

    private static <P> int run(IpContext<P> context, IpArgs args) {
        while (args.hasNext() && args.peek().startsWith("-")) {
            String word = args.take();
            if (word.equals("--")) {
                break;
            }
            option(context, word.startsWith("--") ? word.substring(1) : word);
        }
        if (!args.hasNext()) {
            throw IpExit.usage("ip");
        }
        String word = args.take();
        String object = OBJECTS.stream().filter(o -> IpArgs.matches(word, o)).findFirst()
                .orElseThrow(() -> new IpExit(1, "Object \"" + word + "\" is unknown, try \"ip help\".\n"));
        switch (object) {
            case "address" -> new AddressCommand<>(context).run(args);
            case "link" -> new LinkCommand<>(context).run(args);
            case "route" -> new RouteCommand<>(context).run(args);
            case "neighbor", "neighbour" -> new NeighbourCommand<>(context).run(args);
            case "rule" -> new RuleCommand<>(context).run(args);
            case "help" -> throw IpExit.usage("ip");
            default -> throw IpExit.unsupported("ip " + object);
        }
        return 0;
    }

    private static void option(IpContext<?> context, String option) {
        String matched = OPTIONS.stream()
                .filter(o -> o.equals("-4") || o.equals("-6") || o.equals("-0") || o.equals("-M") || o.equals("-B")
                        ? o.equals(option) : IpArgs.matches(option, o))
                .findFirst()
                .orElseThrow(() -> new IpExit(255, "Option \"" + option + "\" is unknown, try \"ip -help\".\n"));
        switch (matched) {
            case "-4" -> context.inet = true;
            case "-brief" -> context.brief = true;
            case "-help" -> throw IpExit.usage("ip");
            default -> throw IpExit.unsupported(option);
        }
    }
}
