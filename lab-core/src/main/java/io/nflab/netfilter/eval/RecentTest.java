package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.RecentMatch;

/**
 * {@code -m recent} as xt_recent's {@code recent_mt}, on the lab clock in jiffies (HZ 250). The TTL
 * compared by {@code --rttl} is the one before forwarding: a packet with an output device and no local
 * socket counts one more.
 */
final class RecentTest implements MatchTest {
    private final RecentTables tables;
    private final String name;
    private final RecentMatch.Mode mode;
    private final long seconds;
    private final long hitCount;
    private final boolean reap;
    private final boolean rttl;
    private final boolean destination;
    private final boolean negated;

    RecentTest(RecentMatch match, RecentTables tables) {
        this.tables = tables;
        name = match.name();
        mode = match.mode();
        seconds = match.seconds();
        hitCount = match.hitCount();
        reap = match.reap();
        rttl = match.rttl();
        destination = match.side() == RecentMatch.Side.DESTINATION;
        negated = match.negated();
    }

    @Override
    public boolean test(PacketContext packet) {
        RecentTable table = tables.table(name);
        int address = (destination ? packet.destination : packet.source) & table.mask();
        int ttl = packet.ttl;
        if (!packet.outputInterface.isEmpty() && packet.socket == null) {
            ttl = (ttl + 1) & 0xff;
        }
        long jiffies = Math.floorDiv(packet.now, XtLimitBucket.NANOS_PER_JIFFY);
        boolean result = negated;
        RecentTable.Entry entry = table.lookup(address, rttl ? ttl : 0);
        if (entry == null) {
            if (mode != RecentMatch.Mode.SET) {
                return result;
            }
            table.create(address, ttl, jiffies);
            return !result;
        }
        switch (mode) {
            case SET -> result = !result;
            case REMOVE -> {
                table.remove(entry);
                result = !result;
            }
            case CHECK, UPDATE -> {
                long time = jiffies - seconds * XtLimitBucket.HZ;
                long hits = 0;
                for (int i = 0; i < entry.count; i++) {
                    if (seconds != 0 && time - entry.stamps[i] > 0) {
                        continue;
                    }
                    if (hitCount == 0 || ++hits >= hitCount) {
                        result = !result;
                        break;
                    }
                }
                if (reap) {
                    table.reap(time, entry, mode == RecentMatch.Mode.UPDATE && result);
                }
            }
        }
        if (mode == RecentMatch.Mode.SET || mode == RecentMatch.Mode.UPDATE && result) {
            table.update(entry, jiffies);
            entry.ttl = ttl;
        }
        return result;
    }
}
