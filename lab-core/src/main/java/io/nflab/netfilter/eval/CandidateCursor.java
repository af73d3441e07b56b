package io.nflab.netfilter.eval;

/**
 * Walks the candidate rules of one chain for one packet in rule order, merging the sorted lists its
 * {@link CandidateIndex} handed over. Reused from packet to packet (one per call-stack level), so it
 * never allocates.
 */
final class CandidateCursor {
    private final int[][] lists = new int[CandidateIndex.maxLists()][];
    private final int[] positions = new int[CandidateIndex.maxLists()];
    private int count;

    void start(CompiledChain chain, PacketContext packet) {
        count = 0;
        chain.index.collect(this, packet);
    }

    void add(int[] list) {
        if (list != null && list.length > 0) {
            lists[count] = list;
            positions[count] = 0;
            count++;
        }
    }

    /** The next candidate rule's index, or -1 when there is none. */
    int next() {
        if (count == 1) {
            int[] list = lists[0];
            int position = positions[0];
            if (position < list.length) {
                positions[0] = position + 1;
                return list[position];
            }
            return -1;
        }
        int best = -1;
        int bestRule = Integer.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            int[] list = lists[i];
            if (position < list.length && list[position] < bestRule) {
                bestRule = list[position];
                best = i;
            }
        }
        if (best < 0) {
            return -1;
        }
        positions[best]++;
        return bestRule;
    }
}
