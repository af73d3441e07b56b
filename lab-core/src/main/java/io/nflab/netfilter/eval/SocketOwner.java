package io.nflab.netfilter.eval;

import java.util.List;

/**
 * The credentials of the local socket that sent a packet, what {@code -m owner} and
 * {@code LOG --log-uid} read: the opening file's fsuid and fsgid and the supplementary groups.
 * Only locally generated packets have one (see {@link PacketContext#socket}).
 */
public record SocketOwner(long uid, long gid, List<Long> supplementaryGroups) {

    public SocketOwner {
        checkId("uid", uid);
        checkId("gid", gid);
        supplementaryGroups = List.copyOf(supplementaryGroups);
        supplementaryGroups.forEach(group -> checkId("supplementary group", group));
    }

    public static SocketOwner of(long uid, long gid) {
        return new SocketOwner(uid, gid, List.of());
    }

    private static void checkId(String what, long id) {
        if (id < 0 || id > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " " + id + " out of range 0-4294967295");
        }
    }
}
