package io.nflab.lab;

/**
 * How much of each packet's story a lab keeps. Ids, origins and ends ({@link PacketStory#ends()}) are always
 * kept; {@link #HOPS} adds the hop-by-hop trace (the texts of rules, rewrites and routes cost a little per
 * hook), {@link #ENDS} leaves {@link PacketStory#trace()} empty, for labs that only count. With {@link #ENDS},
 * {@link LocalLab} also keeps only the stories of its most recent packets ({@link StoryBook#RECENT_STORIES}):
 * every activity still lists all of its own packets.
 */
public enum Tracing {
    HOPS,
    ENDS
}
