package io.nflab.netfilter.eval;

import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.match.OwnerMatch;
import java.util.List;

/**
 * {@code -m owner} as xt_owner's {@code owner_mt}: a packet without a local socket matches only when every
 * test it makes is negated; {@code ! --socket-exists} fails for any socket; uid and gid compare the
 * socket's fsuid/fsgid, gid also the supplementary groups with {@code --suppl-groups}.
 */
final class OwnerTest implements MatchTest {
    private final boolean testUid;
    private final long uidFirst;
    private final long uidLast;
    private final boolean uidNegated;
    private final boolean testGid;
    private final long gidFirst;
    private final long gidLast;
    private final boolean gidNegated;
    private final boolean testSocket;
    private final boolean socketNegated;
    private final boolean supplementaryGroups;

    OwnerTest(OwnerMatch match) {
        testUid = match.uid().isPresent();
        uidFirst = match.uid().map(u -> u.value().first()).orElse(0L);
        uidLast = match.uid().map(u -> u.value().last()).orElse(0L);
        uidNegated = match.uid().map(Negatable::negated).orElse(false);
        testGid = match.gid().isPresent();
        gidFirst = match.gid().map(g -> g.value().first()).orElse(0L);
        gidLast = match.gid().map(g -> g.value().last()).orElse(0L);
        gidNegated = match.gid().map(Negatable::negated).orElse(false);
        testSocket = match.socketExists().isPresent();
        socketNegated = match.socketExists().map(Negatable::negated).orElse(false);
        supplementaryGroups = match.supplementaryGroups();
    }

    @Override
    public boolean test(PacketContext packet) {
        SocketOwner owner = packet.socket;
        if (owner == null) {
            // (match ^ invert) == 0: every test made is negated.
            return (!testUid || uidNegated) && (!testGid || gidNegated) && (!testSocket || socketNegated);
        }
        if (testSocket && socketNegated) {
            return false;
        }
        if (testUid && (owner.uid() >= uidFirst && owner.uid() <= uidLast) == uidNegated) {
            return false;
        }
        return !testGid || groupMatches(owner) != gidNegated;
    }

    private boolean groupMatches(SocketOwner owner) {
        if (owner.gid() >= gidFirst && owner.gid() <= gidLast) {
            return true;
        }
        if (supplementaryGroups) {
            List<Long> groups = owner.supplementaryGroups();
            for (int i = 0; i < groups.size(); i++) {
                long group = groups.get(i);
                if (group >= gidFirst && group <= gidLast) {
                    return true;
                }
            }
        }
        return false;
    }
}
