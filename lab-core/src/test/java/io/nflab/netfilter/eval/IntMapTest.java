package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine's open-addressing int map against java.util.HashMap, through puts, removes and growth. */
class IntMapTest {

    @Test
    void behavesLikeAHashMap() {
        Random random = new Random(42);
        IntMap<String> map = new IntMap<>();
        Map<Integer, String> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            int key = random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(500) * 0x10000;
            switch (random.nextInt(3)) {
                case 0, 1 -> {
                    String value = "v" + step;
                    map.put(key, value);
                    reference.put(key, value);
                }
                default -> {
                    map.remove(key);
                    reference.remove(key);
                }
            }
            int probe = random.nextInt(500) * 0x10000;
            assertEquals(reference.get(probe), map.get(probe), "step " + step);
        }
        assertEquals(reference.size(), map.size());
        Map<Integer, String> seen = new HashMap<>();
        map.forEach(seen::put);
        assertEquals(reference, seen);
        map.clear();
        assertEquals(0, map.size());
        assertEquals(null, map.get(0));
    }
}
