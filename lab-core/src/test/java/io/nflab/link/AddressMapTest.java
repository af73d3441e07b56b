package io.nflab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        Random random = new Random(7);
        AddressMap<Integer> map = new AddressMap<>();
        Map<Integer, Integer> oracle = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            int key = random.nextInt(512) * 0x01000001; // many keys that collide in the low bits
            if (random.nextInt(3) == 0) {
                assertEquals(oracle.remove(key), map.remove(key));
            } else {
                assertEquals(oracle.put(key, i), map.put(key, i));
            }
            assertEquals(oracle.size(), map.size());
        }
        oracle.forEach((key, value) -> assertEquals(value, map.get(key)));
        Map<Integer, Integer> copied = new HashMap<>();
        map.forEach(copied::put);
        assertEquals(oracle, copied);
    }

    @Test
    void zeroIsAKeyLikeAnyOtherAndNullIsNoValue() {
        AddressMap<String> map = new AddressMap<>();
        assertNull(map.get(0));
        map.put(0, "any");
        assertEquals("any", map.get(0));
        assertThrows(NullPointerException.class, () -> map.put(1, null));
        map.clear();
        assertEquals(0, map.size());
        assertNull(map.get(0));
    }
}
