package io.nflab.lab;

/**
 * How much of each packet's story a lab keeps. Ids, origins and ends ({@link PacketStory#ends()}) are always
 * kept; {@link #HOPS} adds the hop-by-hop trace (the texts of rules, rewrites and routes cost a little per
 * hook), {@link #ENDS} leaves {@link PacketStory#trace()} empty, for labs that only count.
 */
public enum Tracing {
    HOPS,
    ENDS
}
