package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing index against a plain map, over many random insertions, removals and re-keyings. */
class ConntrackStoreTest {
    @Test
    void agreesWithAMapThroughRandomChurn() {
        Random random = new Random(42);
        ConntrackStore store = new ConntrackStore();
        Map<List<Long>, ConntrackEntry> model = new HashMap<>();
        List<ConntrackEntry> live = new ArrayList<>();
        for (int step = 0; step < 60_000; step++) {
            int action = random.nextInt(10);
            if (action < 6 || live.isEmpty()) {
                long high = TupleKeys.high(random.nextInt(64), random.nextInt(64));
                long low = TupleKeys.low(6, random.nextInt(32), 80);
                long replyHigh = TupleKeys.swap(high);
                long replyLow = TupleKeys.invertLow(low);
                if (model.containsKey(List.of(high, low)) || model.containsKey(List.of(replyHigh, replyLow))) {
                    continue;
                }
                ConntrackEntry entry = new ConntrackEntry(high, low, replyHigh, replyLow);
                store.add(entry);
                live.add(entry);
                model.put(List.of(high, low), entry);
                model.put(List.of(replyHigh, replyLow), entry);
            } else if (action < 9) {
                ConntrackEntry entry = live.remove(random.nextInt(live.size()));
                store.remove(entry);
                model.remove(List.of(entry.origHigh, entry.origLow));
                model.remove(List.of(entry.replyHigh, entry.replyLow));
            } else {
                ConntrackEntry entry = live.get(random.nextInt(live.size()));
                long high = TupleKeys.high(1000 + random.nextInt(1000), random.nextInt(64));
                long low = TupleKeys.low(6, 80, random.nextInt(65536));
                if (model.containsKey(List.of(high, low))) {
                    continue;
                }
                model.remove(List.of(entry.replyHigh, entry.replyLow));
                store.rekeyReply(entry, high, low);
                model.put(List.of(high, low), entry);
            }
            if (step % 5000 == 0) {
                assertEquals(live.size(), store.size());
                for (Map.Entry<List<Long>, ConntrackEntry> expected : model.entrySet()) {
                    int ref = store.find(expected.getKey().get(0), expected.getKey().get(1));
                    assertEquals(expected.getValue(), store.at(ref >>> 1));
                }
            }
        }
    }
}
