package io.nflab.link;

/** Prints neighbour entries exactly as iproute2 6.1's {@code ip neigh} does. */
public final class NeighbourPrinter {

    private NeighbourPrinter() {
    }

    /**
     * One line: {@code ADDRESS [dev DEV] [lladdr MAC] STATE }; the device is left out when the listing is
     * for one device, the MAC when the entry has none (INCOMPLETE, FAILED, NONE), the state for NONE.
     */
    public static String line(Neighbour n, Links links, boolean withDevice) {
        StringBuilder out = new StringBuilder().append(n.address()).append(' ');
        if (withDevice) {
            out.append("dev ").append(links.device(n.ifindex()).name()).append(' ');
        }
        n.mac().ifPresent(mac -> out.append("lladdr ").append(mac).append(' '));
        if (n.state() != NudState.NONE) {
            out.append(n.state()).append(' ');
        }
        return out.append('\n').toString();
    }
}
