package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.stack.Fate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a {@link StoryBook} puts stories together, and what a book keeping only recent stories forgets. */
class StoryBookTest {
    private static final Ipv4Packet PACKET = PacketText.parse("udp 10.0.0.1:1000 > 10.0.0.2:53");

    /** The k-th packet of node {@code index} in a lab of two nodes. */
    private static long id(int k, int index) {
        return k * 2L + index + 1;
    }

    private static StoryNote created(long id) {
        return new StoryNote.Created(id, 0, "n" + ((id - 1) % 2), 0, PACKET);
    }

    private static StoryNote delivered(long id) {
        return new StoryNote.Ended(id, new Fate.Delivered("n1", "eth0", PACKET));
    }

    @Test
    void aBookForEveryStoryKeepsThemAllWithTheirEnds() {
        StoryBook book = new StoryBook();
        for (int k = 0; k < 5; k++) {
            book.addAll(List.of(created(id(k, 0)), delivered(id(k, 0))));
            book.forgetOldest();
        }
        assertEquals(5, book.createdCount());
        assertEquals(1, book.story(id(0, 0)).orElseThrow().ends().size());
        assertFalse(book.forgotten(id(0, 0)));
        assertFalse(book.forgotten(id(0, 1)));
    }

    @Test
    void aBookKeepingTheLastStoriesForgetsTheOldestAndKnowsItDid() {
        StoryBook book = StoryBook.keepingLast(3, 2);
        for (int k = 0; k < 5; k++) {
            book.add(created(id(k, 0)));
        }
        book.add(created(id(0, 1)));
        assertEquals(6, book.createdSince(0).size(), "a call's own packets are all listed");
        book.forgetOldest();

        assertEquals(6, book.createdCount());
        assertEquals(List.of(id(3, 0), id(4, 0), id(0, 1)),
                book.createdSince(3).stream().map(PacketStory::id).toList());
        assertEquals(Optional.empty(), book.story(id(2, 0)));
        assertTrue(book.forgotten(id(2, 0)));
        assertTrue(book.story(id(3, 0)).isPresent());
        assertFalse(book.forgotten(id(3, 0)), "kept");
        assertFalse(book.forgotten(id(5, 0)), "not created yet");
        assertFalse(book.forgotten(id(1, 1)), "node 1 made one packet only");
        assertThrows(IllegalStateException.class, () -> book.createdSince(2));
    }

    @Test
    void notesAboutAForgottenPacketAreIgnored() {
        StoryBook book = StoryBook.keepingLast(1, 2);
        book.add(created(id(0, 0)));
        book.add(created(id(1, 0)));
        book.forgetOldest();
        book.add(delivered(id(0, 0)));
        book.add(delivered(id(1, 0)));
        assertEquals(Optional.empty(), book.story(id(0, 0)));
        assertEquals(1, book.story(id(1, 0)).orElseThrow().ends().size());
    }
}
