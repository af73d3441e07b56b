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

/**
 * How a {@link StoryBook} puts stories together, numbers packets in creation order whatever their wire ids,
 * and what a book keeping only recent stories forgets.
 */
class StoryBookTest {
    private static final Ipv4Packet PACKET = PacketText.parse("udp 10.0.0.1:1000 > 10.0.0.2:53");
    private static final Ipv4Packet SYN = PacketText.parse("tcp 10.0.0.2:40000 > 10.0.0.1:80 flags S");
    private static final Ipv4Packet SYN_ACK = PacketText.parse("tcp 10.0.0.1:80 > 10.0.0.2:40000 flags SA");
    private static final Ipv4Packet ACK = PacketText.parse("tcp 10.0.0.2:40000 > 10.0.0.1:80 flags A");

    /** The wire id of the k-th packet of node {@code index} in a lab of two nodes. */
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
    void packetsAreNumberedInTheOrderTheyWereCreated() {
        StoryBook book = new StoryBook();
        // node 1 of 3 (wire ids 2, 5, …) answers node 0's SYN (wire ids 1, 4, …); the first packet is wire id 2
        book.add(new StoryNote.Created(2, 0, "server", 0, SYN_ACK));
        int mark = book.createdCount();
        book.add(new StoryNote.Created(1, 0, "client", 10, SYN));
        book.add(new StoryNote.Created(5, 1, "server", 20, SYN_ACK));
        book.add(new StoryNote.Created(4, 5, "client", 30, ACK));
        book.add(new StoryNote.Ended(4, new Fate.Delivered("server", "eth0", ACK)));
        book.add(new StoryNote.Ended(99, new Fate.Delivered("server", "eth0", ACK))); // never created: ignored
        book.add(new StoryNote.Created(1, 0, "client", 40, SYN)); // reported twice: the first report counts

        List<PacketStory> stories = book.createdSince(mark);
        assertEquals(List.of(2L, 3L, 4L), stories.stream().map(PacketStory::id).toList());
        assertEquals(List.of(0L, 2L, 3L), stories.stream().map(PacketStory::causeId).toList(),
                "causes by their numbers too");
        assertEquals(List.of(new Fate.Delivered("server", "eth0", ACK)), book.story(4).orElseThrow().ends());
        assertEquals("client", book.story(2).orElseThrow().origin());
        assertEquals(10, book.story(2).orElseThrow().createdNanos());
        assertEquals(Optional.empty(), book.story(0));
        assertEquals(Optional.empty(), book.story(5));
    }

    @Test
    void aBookForEveryStoryKeepsThemAllWithTheirEnds() {
        StoryBook book = new StoryBook();
        for (int k = 0; k < 5; k++) {
            book.addAll(List.of(created(id(k, 0)), delivered(id(k, 0))));
            book.forgetOldest();
        }
        assertEquals(5, book.createdCount());
        assertEquals(1, book.story(1).orElseThrow().ends().size());
        assertFalse(book.forgotten(1));
        assertFalse(book.forgotten(6));
    }

    @Test
    void aBookKeepingTheLastStoriesForgetsTheOldestAndKnowsItDid() {
        StoryBook book = StoryBook.keepingLast(3);
        for (int k = 0; k < 5; k++) {
            book.add(created(id(k, 0)));
        }
        book.add(created(id(0, 1)));
        assertEquals(6, book.createdSince(0).size(), "a call's own packets are all listed");
        book.forgetOldest();

        assertEquals(6, book.createdCount());
        assertEquals(List.of(4L, 5L, 6L), book.createdSince(3).stream().map(PacketStory::id).toList());
        assertEquals(Optional.empty(), book.story(3));
        assertTrue(book.forgotten(3));
        assertTrue(book.story(4).isPresent());
        assertFalse(book.forgotten(4), "kept");
        assertFalse(book.forgotten(7), "not created yet");
        assertFalse(book.forgotten(0));
        assertThrows(IllegalStateException.class, () -> book.createdSince(2));
    }

    @Test
    void notesAboutAForgottenPacketAreIgnored() {
        StoryBook book = StoryBook.keepingLast(1);
        book.add(created(id(0, 0)));
        book.add(created(id(1, 0)));
        book.forgetOldest();
        book.add(delivered(id(0, 0)));
        book.add(delivered(id(1, 0)));
        assertEquals(Optional.empty(), book.story(1));
        assertEquals(1, book.story(2).orElseThrow().ends().size());
    }
}
