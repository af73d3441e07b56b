package io.nflab.routing;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.link.Errno;
import io.nflab.link.IfAddress;
import io.nflab.link.LinkPrinter;
import io.nflab.link.NetDevice;
import io.nflab.link.NetlinkException;
import io.nflab.link.Scope;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code ip address} (iproute2's {@code ipaddress.c}): show, add, del, flush. */
final class AddressCommand<P> {

    /** Words of {@code ip address add|del} that nflab does not emulate. */
    private static final Set<String> UNSUPPORTED_MODIFY = Set.of("peer", "remote", "anycast", "label", "home",
            "nodad", "mngtmpaddr", "noprefixroute", "autojoin");
    /** Words of {@code ip address show|flush} that nflab does not emulate. */
    private static final Set<String> UNSUPPORTED_LIST = Set.of("to", "scope", "up", "label", "group", "master",
            "vrf", "nomaster", "type", "permanent", "dynamic", "secondary", "primary", "tentative", "-tentative",
            "deprecated", "-deprecated", "dadfailed", "-dadfailed", "temporary", "mngtmpaddr", "noprefixroute",
            "autojoin", "home", "nodad");

    private final IpContext<P> context;

    AddressCommand(IpContext<P> context) {
        this.context = context;
    }

    void run(IpArgs args) {
        if (!args.hasNext()) {
            list(args);
            return;
        }
        String command = args.take();
        if (IpArgs.matches(command, "add")) {
            modify(args, true);
        } else if (IpArgs.matches(command, "change") || command.equals("chg") || IpArgs.matches(command, "replace")) {
            throw IpExit.unsupported("ip address " + command);
        } else if (IpArgs.matches(command, "delete")) {
            modify(args, false);
        } else if (IpArgs.matches(command, "list") || IpArgs.matches(command, "show")
                || IpArgs.matches(command, "lst")) {
            list(args);
        } else if (IpArgs.matches(command, "flush")) {
            flush(args);
        } else if (IpArgs.matches(command, "save") || IpArgs.matches(command, "showdump")
                || IpArgs.matches(command, "restore")) {
            throw IpExit.unsupported("ip address " + command);
        } else if (IpArgs.matches(command, "help")) {
            throw IpExit.usage("address");
        } else {
            throw new IpExit(255, "Command \"" + command + "\" is unknown, try \"ip address help\".\n");
        }
    }

    /** {@code ipaddr_modify}. */
    private void modify(IpArgs args, boolean add) {
        IpWords.InetPrefix local = null;
        String localWord = null;
        String device = null;
        Scope scope = null;
        Optional<Ipv4Address> broadcast = Optional.empty();
        int computedBroadcast = 0; // 1: brd +, 2: brd -
        boolean broadcastGiven = false;
        while (args.hasNext()) {
            String word = args.take();
            if (IpArgs.matches(word, "broadcast") || word.equals("brd")) {
                String value = args.argument();
                if (broadcastGiven) {
                    throw IpExit.duplicate("broadcast", value);
                }
                broadcastGiven = true;
                if (value.equals("+")) {
                    computedBroadcast = 1;
                } else if (value.equals("-")) {
                    computedBroadcast = 2;
                } else {
                    broadcast = Optional.of(IpWords.address(value, context.inet));
                }
            } else if (word.equals("scope")) {
                String value = args.argument();
                scope = Scope.parse(value).orElseThrow(() -> IpExit.invalidArgument("invalid scope value.", value));
            } else if (word.equals("dev")) {
                device = args.argument();
            } else if (UNSUPPORTED_MODIFY.contains(word) || IpArgs.matches(word, "metric")
                    || IpArgs.matches(word, "priority") || IpArgs.matches(word, "preference")
                    || IpArgs.matches(word, "valid_lft") || IpArgs.matches(word, "preferred_lft")) {
                throw IpExit.unsupported(word);
            } else {
                if (word.equals("local")) {
                    word = args.argument();
                }
                if (IpArgs.matches(word, "help")) {
                    throw IpExit.usage("address");
                }
                if (local != null) {
                    throw IpExit.garbage("local", word);
                }
                localWord = word;
                local = IpWords.prefix(word, context.inet);
            }
        }
        if (device == null) {
            throw new IpExit(1, "Not enough information: \"dev\" argument is required.\n");
        }
        if (!add && local != null && !local.lengthGiven()) {
            context.err.append("Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
                    + "         Explicitly specify the prefix length (" + localWord + "/32) to avoid this warning.\n"
                    + "         This special behaviour is likely to disappear in further releases,\n"
                    + "         fix your scripts!\n");
        }
        NetDevice dev = context.device(device);
        if (local == null) {
            throw new NetlinkException(Errno.EOPNOTSUPP);
        }
        if (add) {
            InterfaceAddress address = new InterfaceAddress(local.address(), local.length());
            if (computedBroadcast != 0 && local.length() <= 30) {
                broadcast = Optional.of(computedBroadcast == 1 ? address.broadcast() : address.subnet().network());
            }
            Scope chosen = scope != null ? scope : local.address().isLoopback() ? Scope.HOST : Scope.GLOBAL;
            context.namespace.addAddress(dev.index(), address, chosen, broadcast);
        } else {
            IpWords.InetPrefix wanted = local;
            IfAddress victim = dev.addresses().stream()
                    .filter(a -> a.local().equals(wanted.address()))
                    .filter(a -> !wanted.lengthGiven()
                            || (a.prefixLength() == wanted.length() && a.matches(wanted.address())))
                    .findFirst()
                    .orElseThrow(() -> new NetlinkException(Errno.EADDRNOTAVAIL, "ipv4: Address not found"));
            context.namespace.deleteAddress(dev.index(), victim, context.now, context.actions);
        }
    }

    /** {@code ip address flush dev D}: deletes the device's addresses one by one. */
    private void flush(IpArgs args) {
        if (!args.hasNext()) {
            throw new IpExit(1, "Flush requires arguments.\n");
        }
        NetDevice dev = selectedDevice(args).orElseThrow(() -> IpExit.unsupported("ip address flush without dev"));
        while (!context.namespace.links().device(dev.index()).addresses().isEmpty()) {
            IfAddress first = context.namespace.links().device(dev.index()).addresses().get(0);
            context.namespace.deleteAddress(dev.index(), first, context.now, context.actions);
        }
    }

    /** {@code ip address [show] [[dev] D]}, honouring {@code -4} and {@code -br}. */
    private void list(IpArgs args) {
        Optional<NetDevice> only = selectedDevice(args);
        List<NetDevice> devices = only.map(List::of).orElseGet(() -> context.namespace.links().devices());
        for (NetDevice d : devices) {
            if (context.inet && d.addresses().isEmpty()) {
                continue;
            }
            context.out.append(context.brief ? LinkPrinter.briefAddress(d) : LinkPrinter.address(d, context.inet));
        }
    }

    /** The device a listing or flush names ({@code [dev] NAME}); iproute2 says it does not exist otherwise. */
    private Optional<NetDevice> selectedDevice(IpArgs args) {
        String name = null;
        while (args.hasNext()) {
            String word = args.take();
            if (UNSUPPORTED_LIST.contains(word)) {
                throw IpExit.unsupported(word);
            }
            if (word.equals("dev")) {
                word = args.argument();
            } else if (IpArgs.matches(word, "help")) {
                throw IpExit.usage("address");
            }
            if (name != null) {
                throw IpExit.garbage("dev", word);
            }
            name = word;
        }
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name;
        return Optional.of(context.namespace.links().byName(name)
                .orElseThrow(() -> new IpExit(1, "Device \"" + wanted + "\" does not exist.\n")));
    }

    /** {@code ip link show} uses the same device selection. */
    Optional<NetDevice> linkSelection(IpArgs args) {
        return selectedDevice(args);
    }
}
