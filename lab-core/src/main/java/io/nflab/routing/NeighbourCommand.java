package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.link.Errno;
import io.nflab.link.Neighbour;
import io.nflab.link.NeighbourPrinter;
import io.nflab.link.NetDevice;
import io.nflab.link.NetlinkException;
import io.nflab.link.NudState;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code ip neigh} (iproute2's {@code ipneigh.c}): show, flush, add, change, replace, del. */
final class NeighbourCommand<P> {

    private final IpContext<P> context;

    NeighbourCommand(IpContext<P> context) {
        this.context = context;
    }

    void run(IpArgs args) {
        if (!args.hasNext()) {
            showOrFlush(args, false);
            return;
        }
        String command = args.take();
        if (IpArgs.matches(command, "add")) {
            modify(args, true, true, false);
        } else if (IpArgs.matches(command, "change") || command.equals("chg")) {
            modify(args, false, false, false);
        } else if (IpArgs.matches(command, "replace")) {
            modify(args, true, false, false);
        } else if (IpArgs.matches(command, "delete")) {
            modify(args, false, false, true);
        } else if (IpArgs.matches(command, "get")) {
            throw IpExit.unsupported("ip neigh get");
        } else if (IpArgs.matches(command, "show") || IpArgs.matches(command, "lst") || IpArgs.matches(command, "list")) {
            showOrFlush(args, false);
        } else if (IpArgs.matches(command, "flush")) {
            showOrFlush(args, true);
        } else if (IpArgs.matches(command, "help")) {
            throw IpExit.usage("neigh");
        } else {
            throw new IpExit(255, "Command \"" + command + "\" is unknown, try \"ip neigh help\".\n");
        }
    }

    /** {@code ipneigh_modify}. */
    private void modify(IpArgs args, boolean create, boolean exclusive, boolean delete) {
        String linkAddress = null;
        NudState state = NudState.PERMANENT;
        String device = null;
        Ipv4Address destination = null;
        while (args.hasNext()) {
            String word = args.take();
            if (IpArgs.matches(word, "lladdr")) {
                String value = args.argument();
                if (linkAddress != null) {
                    throw IpExit.duplicate("lladdr", value);
                }
                linkAddress = value;
            } else if (word.equals("nud")) {
                String value = args.argument();
                state = nudState(value).orElseThrow(() -> IpExit.invalidArgument("nud state is bad", value));
            } else if (word.equals("dev")) {
                device = args.argument();
            } else if (IpArgs.matches(word, "proxy") || word.equals("router") || IpArgs.matches(word, "extern_learn")
                    || IpArgs.matches(word, "protocol") || word.equals("use") || word.equals("managed")) {
                throw IpExit.unsupported(word);
            } else {
                String value = word.equals("to") ? args.argument() : word;
                if (IpArgs.matches(value, "help")) {
                    value = args.argument();
                }
                if (destination != null) {
                    throw IpExit.garbage("to", value);
                }
                destination = IpWords.address(value, context.inet);
            }
        }
        if (device == null || destination == null) {
            throw new IpExit(255, "Device and destination are required arguments.\n");
        }
        Optional<MacAddress> mac = Optional.empty();
        boolean shortAddress = false;
        if (linkAddress != null && !linkAddress.equals("null")) {
            mac = IpWords.linkAddress(linkAddress);
            shortAddress = mac.isEmpty();
        }
        NetDevice dev = context.device(device);
        if (delete) {
            context.namespace.neighbours().delete(dev.index(), destination, context.now, context.actions);
            return;
        }
        if (shortAddress) {
            throw new NetlinkException(Errno.EINVAL, "Invalid link address");
        }
        if (state != NudState.PERMANENT && state != NudState.REACHABLE && state != NudState.STALE
                && state != NudState.NOARP) {
            throw IpExit.unsupported("nud " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        context.namespace.neighbours().set(dev.index(), destination, mac, state, create, exclusive, context.now,
                context.actions);
    }

    /** {@code do_show_or_flush}. */
    private void showOrFlush(IpArgs args, boolean flush) {
        if (flush && !args.hasNext()) {
            throw new IpExit(1, "Flush requires arguments.\n");
        }
        Set<NudState> states = null;
        String device = null;
        Optional<IpWords.InetPrefix> prefix = Optional.empty();
        while (args.hasNext()) {
            String word = args.take();
            if (word.equals("dev")) {
                device = args.argument();
            } else if (word.equals("nud")) {
                String value = args.argument();
                if (states == null) {
                    states = EnumSet.noneOf(NudState.class);
                }
                if (value.equals("all")) {
                    states.addAll(EnumSet.allOf(NudState.class));
                    if (flush) {
                        states.remove(NudState.NOARP);
                    }
                } else {
                    states.add(nudState(value).orElseThrow(() -> IpExit.invalidArgument("nud state is bad", value)));
                }
            } else if (word.equals("master") || word.equals("vrf") || word.equals("nomaster") || word.equals("unused")
                    || word.equals("proxy")) {
                throw IpExit.unsupported(word);
            } else {
                String value = word.equals("to") ? args.argument() : word;
                if (IpArgs.matches(value, "help")) {
                    throw IpExit.usage("neigh");
                }
                prefix = Optional.of(IpWords.tryPrefix(value, context.inet)
                        .orElseThrow(() -> IpExit.invalidArgument("to value is invalid\n", value)));
            }
        }
        Optional<NetDevice> only = device == null ? Optional.empty() : Optional.of(context.device(device));
        Set<NudState> shown = states != null ? states
                : flush ? EnumSet.complementOf(EnumSet.of(NudState.PERMANENT, NudState.NOARP, NudState.NONE))
                : EnumSet.complementOf(EnumSet.of(NudState.NOARP, NudState.NONE));
        Optional<IpWords.InetPrefix> to = prefix;
        List<Neighbour> selected = context.namespace.neighbours().entries().stream()
                .filter(n -> shown.contains(n.state()))
                .filter(n -> only.map(d -> d.index() == n.ifindex()).orElse(true))
                .filter(n -> to.map(p -> p.matchesFirst(n.address(), p.length())).orElse(true))
                .toList();
        for (Neighbour n : selected) {
            if (flush) {
                context.namespace.neighbours().delete(n.ifindex(), n.address(), context.now, context.actions);
            } else {
                context.out.append(NeighbourPrinter.line(n, context.namespace.links(), only.isEmpty()));
            }
        }
    }

    /** {@code nud_state_a2n}. */
    private static Optional<NudState> nudState(String word) {
        return switch (word) {
            case "permanent" -> Optional.of(NudState.PERMANENT);
            case "reachable" -> Optional.of(NudState.REACHABLE);
            case "noarp" -> Optional.of(NudState.NOARP);
            case "none" -> Optional.of(NudState.NONE);
            case "stale" -> Optional.of(NudState.STALE);
            case "incomplete" -> Optional.of(NudState.INCOMPLETE);
            case "delay" -> Optional.of(NudState.DELAY);
            case "probe" -> Optional.of(NudState.PROBE);
            case "failed" -> Optional.of(NudState.FAILED);
            default -> Optional.empty();
        };
    }
}
