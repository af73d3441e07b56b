package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.stack.Fate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Users see packets numbered in creation order, whatever the ids their nodes gave them on the wire. */
class StoryBookTest {
    private static final Ipv4Packet SYN = PacketText.parse("tcp 10.0.0.2:40000 > 10.0.0.1:80 flags S");
    private static final Ipv4Packet SYN_ACK = PacketText.parse("tcp 10.0.0.1:80 > 10.0.0.2:40000 flags SA");
    private static final Ipv4Packet ACK = PacketText.parse("tcp 10.0.0.2:40000 > 10.0.0.1:80 flags A");

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
}
