package io.nflab.link;

/**
 * Prints devices and addresses exactly as iproute2 6.1 ({@code ip link}, {@code ip addr},
 * {@code ip -4 addr}, {@code ip -br link}, {@code ip -br addr}) prints them for the kernel's state, IPv4
 * only (nflab namespaces have IPv6 disabled, so no {@code inet6} lines).
 */
public final class LinkPrinter {

    private LinkPrinter() {
    }

    /** The lines of {@code ip link show} for one device. */
    public static String link(NetDevice d) {
        return header(d, true, false) + "\n" + linkLine(d) + "\n";
    }

    /** The lines of {@code ip addr show} for one device ({@code ipv4Only}: {@code ip -4 addr}). */
    public static String address(NetDevice d, boolean ipv4Only) {
        StringBuilder out = new StringBuilder(header(d, false, ipv4Only)).append('\n');
        if (!ipv4Only) {
            out.append(linkLine(d)).append('\n');
        }
        for (IfAddress a : d.addresses()) {
            out.append("    inet ").append(a.address());
            a.broadcast().ifPresent(b -> out.append(" brd ").append(b));
            out.append(" scope ").append(a.scope().displayName());
            if (a.secondary()) {
                out.append(" secondary");
            }
            out.append(' ').append(d.name()).append('\n');
            out.append("       valid_lft forever preferred_lft forever\n");
        }
        return out.toString();
    }

    /** The line of {@code ip -br link} for one device. */
    public static String briefLink(NetDevice d) {
        return briefStart(d) + d.mac() + " " + d.flagsText() + " \n";
    }

    /** The line of {@code ip -br addr} for one device. */
    public static String briefAddress(NetDevice d) {
        StringBuilder out = new StringBuilder(briefStart(d));
        for (IfAddress a : d.addresses()) {
            out.append(a.address()).append(' ');
        }
        return out.append('\n').toString();
    }

    private static String briefStart(NetDevice d) {
        return String.format("%-16s %-14s ", d.displayName(), d.operState());
    }

    private static String header(NetDevice d, boolean withMode, boolean netnsOnHeader) {
        StringBuilder out = new StringBuilder();
        out.append(d.index()).append(": ").append(d.displayName()).append(": ").append(d.flagsText())
                .append(" mtu ").append(d.mtu()).append(" qdisc ").append(d.qdisc())
                .append(" state ").append(d.operState());
        if (withMode) {
            out.append(" mode DEFAULT");
        }
        out.append(" group default qlen ").append(NetDevice.QUEUE_LENGTH);
        if (netnsOnHeader) {
            d.peer().ifPresent(p -> out.append(" link-netns ").append(p.namespace()));
        }
        return out.toString();
    }

    private static String linkLine(NetDevice d) {
        StringBuilder out = new StringBuilder("    link/").append(d.type().word()).append(' ').append(d.mac())
                .append(" brd ").append(d.broadcastMac());
        d.peer().ifPresent(p -> out.append(" link-netns ").append(p.namespace()));
        return out.toString();
    }
}
