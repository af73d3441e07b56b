package io.nflab.routing;

import io.nflab.address.MacAddress;
import io.nflab.link.Errno;
import io.nflab.link.LinkPrinter;
import io.nflab.link.NetDevice;
import io.nflab.link.NetlinkException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code ip link} (iproute2's {@code iplink.c}): show, and set up/down, mtu, address, arp. */
final class LinkCommand<P> {

    /** Words of {@code ip link set} that nflab does not emulate (devices are made by the lab, not by ip). */
    private static final Set<String> UNSUPPORTED_SET = Set.of("name", "index", "link", "broadcast", "brd",
            "txqueuelen", "qlen", "txqlen", "netns", "multicast", "allmulticast", "promisc", "trailers", "dynamic",
            "vf", "master", "nomaster", "alias", "group", "mode", "state", "numtxqueues", "numrxqueues", "xdp",
            "xdpgeneric", "xdpdrv", "xdpoffload", "addrgenmode", "protodown", "protodown_reason", "gso_max_size",
            "gso_max_segs", "gro_max_size", "carrier", "type", "altname");

    private final IpContext<P> context;

    LinkCommand(IpContext<P> context) {
        this.context = context;
    }

    void run(IpArgs args) {
        if (!args.hasNext()) {
            list(args);
            return;
        }
        String command = args.take();
        if (IpArgs.matches(command, "add") || IpArgs.matches(command, "replace") || IpArgs.matches(command, "delete")) {
            throw IpExit.unsupported("ip link " + command);
        } else if (IpArgs.matches(command, "set") || IpArgs.matches(command, "change")) {
            set(args);
        } else if (IpArgs.matches(command, "show") || IpArgs.matches(command, "lst") || IpArgs.matches(command, "list")) {
            list(args);
        } else if (IpArgs.matches(command, "xstats") || IpArgs.matches(command, "afstats")
                || IpArgs.matches(command, "property")) {
            throw IpExit.unsupported("ip link " + command);
        } else if (IpArgs.matches(command, "help")) {
            throw IpExit.usage("link");
        } else {
            throw new IpExit(255, "Command \"" + command + "\" is unknown, try \"ip link help\".\n");
        }
    }

    private void list(IpArgs args) {
        Optional<NetDevice> only = new AddressCommand<>(context).linkSelection(args);
        List<NetDevice> devices = only.map(List::of).orElseGet(() -> context.namespace.links().devices());
        for (NetDevice d : devices) {
            context.out.append(context.brief ? LinkPrinter.briefLink(d) : LinkPrinter.link(d));
        }
    }

    /** {@code iplink_parse} + the kernel's {@code do_setlink}: address, then MTU, then flags. */
    private void set(IpArgs args) {
        String device = null;
        Boolean up = null;
        Boolean arp = null;
        Integer mtu = null;
        String macWord = null;
        while (args.hasNext()) {
            String word = args.take();
            if (word.equals("up")) {
                up = true;
            } else if (word.equals("down")) {
                up = false;
            } else if (IpArgs.matches(word, "address")) {
                macWord = args.argument();
                IpWords.linkAddress(macWord);
            } else if (word.equals("mtu")) {
                String value = args.argument();
                if (mtu != null) {
                    throw IpExit.duplicate("mtu", value);
                }
                mtu = IpWords.integer(value).orElseThrow(() -> IpExit.invalidArgument("Invalid \"mtu\" value\n", value));
            } else if (word.equals("arp")) {
                String value = args.argument();
                if (!value.equals("on") && !value.equals("off")) {
                    throw new IpExit(1, "Error: argument of \"arp\" must be \"on\" or \"off\", not \"" + value + "\"\n");
                }
                arp = value.equals("on");
            } else if (UNSUPPORTED_SET.contains(word)) {
                throw IpExit.unsupported(word);
            } else {
                if (IpArgs.matches(word, "help")) {
                    throw IpExit.usage("link");
                }
                if (word.equals("dev")) {
                    word = args.argument();
                }
                if (device != null) {
                    throw IpExit.garbage("dev", word);
                }
                device = word;
            }
        }
        if (device == null) {
            throw new IpExit(255, "Not enough information: \"dev\" argument is required.\n");
        }
        NetDevice dev = context.device(device);
        if (macWord != null) {
            MacAddress mac = IpWords.linkAddress(macWord).orElseThrow(() -> new NetlinkException(Errno.EINVAL));
            if (dev.isLoopback()) {
                throw new NetlinkException(Errno.EOPNOTSUPP);
            }
            context.namespace.setMac(dev.index(), mac, context.now, context.actions);
        }
        if (mtu != null) {
            context.namespace.setMtu(dev.index(), mtu);
        }
        if (arp != null) {
            context.namespace.setArp(dev.index(), arp, context.now, context.actions);
        }
        if (up != null) {
            context.namespace.setLinkUp(dev.index(), up, context.now, context.actions);
        }
    }
}
