package io.nflab.netfilter.eval;

import io.nflab.netfilter.AddressSpec;
import io.nflab.netfilter.InterfaceSpec;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.match.MultiportMatch;
import io.nflab.netfilter.match.TcpMatch;
import io.nflab.netfilter.match.UdpMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules of a chain a packet can possibly match, so that evaluation cost does not grow with the
 * chain. Every rule is filed under at most one key it requires of every packet it matches: protocol and
 * destination port, destination or source prefix, input interface, or protocol alone (the key whose
 * bucket is smallest); the others are kept in a list of their own. Only fields no target changes are
 * keys (not the mark, which MARK may change between a chain's rules: the candidates are chosen when the
 * chain is entered). For a packet the index hands a
 * {@link CandidateCursor} the buckets of the packet's keys and that list; the cursor merges them in
 * rule order. Each rule is in one list at most, so the candidates are a superset of the matching rules, in
 * order, without repeats: first-match semantics and counters are exactly a linear scan's.
 */
final class CandidateIndex {
    /** Chains shorter than this are scanned whole. */
    static final int MIN_INDEXED_RULES = 8;
    /** A port range wider than this is not worth filing under each of its ports. */
    private static final int MAX_PORTS_PER_RULE = 64;

    private enum Dimension { PORT, DESTINATION, SOURCE, INPUT, PROTOCOL }

    private final int[] all;
    private final IntMap<int[]> ports;
    private final int[][] protocols;
    private final int[] destinationLengths;
    private final IntMap<int[]>[] destinations;
    private final int[] sourceLengths;
    private final IntMap<int[]>[] sources;
    private final Map<String, int[]> inputs;
    private final int[] rest;

    private CandidateIndex(int[] all, Buckets buckets) {
        this.all = all;
        if (buckets == null) {
            ports = null;
            protocols = null;
            destinationLengths = new int[0];
            destinations = null;
            sourceLengths = new int[0];
            sources = null;
            inputs = null;
            rest = null;
            return;
        }
        ports = buckets.ports.size() == 0 ? null : toArrays(buckets.ports);
        protocols = buckets.protocols.isEmpty() ? null : protocolArrays(buckets.protocols);
        destinationLengths = lengths(buckets.destinations);
        destinations = prefixArrays(buckets.destinations);
        sourceLengths = lengths(buckets.sources);
        sources = prefixArrays(buckets.sources);
        inputs = buckets.inputs.isEmpty() ? null : stringArrays(buckets.inputs);
        rest = toArray(buckets.rest);
    }

    /** Scans every rule: for short chains. */
    static CandidateIndex linear(int ruleCount) {
        int[] all = new int[ruleCount];
        Arrays.setAll(all, i -> i);
        return new CandidateIndex(all, null);
    }

    static CandidateIndex build(CompiledRule[] rules) {
        if (rules.length < MIN_INDEXED_RULES) {
            return linear(rules.length);
        }
        Keys[] keys = new Keys[rules.length];
        Map<Long, Integer> frequency = new HashMap<>();
        for (int i = 0; i < rules.length; i++) {
            keys[i] = Keys.of(rules[i]);
            for (Dimension dimension : Dimension.values()) {
                for (long key : keys[i].of(dimension)) {
                    frequency.merge(globalKey(dimension, key), 1, Integer::sum);
                }
            }
        }
        Buckets buckets = new Buckets();
        for (int i = 0; i < rules.length; i++) {
            Dimension best = null;
            int bestSize = Integer.MAX_VALUE;
            for (Dimension dimension : Dimension.values()) {
                long[] ruleKeys = keys[i].of(dimension);
                if (ruleKeys.length == 0) {
                    continue;
                }
                int size = 0;
                for (long key : ruleKeys) {
                    size = Math.max(size, frequency.get(globalKey(dimension, key)));
                }
                if (size < bestSize) {
                    best = dimension;
                    bestSize = size;
                }
            }
            buckets.file(i, best, best == null ? null : keys[i]);
        }
        return new CandidateIndex(null, buckets);
    }

    /** Hands {@code cursor} the rule lists that may hold rules matching {@code packet}. */
    void collect(CandidateCursor cursor, PacketContext packet) {
        if (all != null) {
            cursor.add(all);
            return;
        }
        if (ports != null && packet.hasPorts()) {
            cursor.add(ports.get(packet.protocol << 16 | packet.destinationPort));
        }
        if (protocols != null) {
            cursor.add(protocols[packet.protocol]);
        }
        for (int length : destinationLengths) {
            cursor.add(destinations[length].get(packet.destination & prefixMask(length)));
        }
        for (int length : sourceLengths) {
            cursor.add(sources[length].get(packet.source & prefixMask(length)));
        }
        if (inputs != null) {
            cursor.add(inputs.get(packet.inputInterface));
        }
        cursor.add(rest);
    }

    /** The most lists {@link #collect} can hand over. */
    static int maxLists() {
        return 2 + 2 * 33 + 2;
    }

    private static long globalKey(Dimension dimension, long key) {
        return (long) dimension.ordinal() << 48 ^ key;
    }

    static int prefixMask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    private static int prefixLength(AddressSpec spec) {
        int mask = spec.mask().bits();
        int length = Integer.bitCount(mask);
        return mask == prefixMask(length) ? length : -1;
    }

    /** The keys one rule could be filed under, per dimension (empty when it requires none). */
    private record Keys(long[] ports, long[] destination, long[] source, long[] input, long[] protocol,
                        String inputName) {
        private static final long[] NONE = new long[0];

        static Keys of(CompiledRule compiled) {
            IpSpec ip = compiled.rule.ip();
            int protocol = ip.requiredProtocol();
            long[] ports = NONE;
            for (Match match : compiled.rule.matches()) {
                if (ports.length == 0) {
                    ports = portKeys(protocol, match);
                }
            }
            InterfaceSpec in = ip.in();
            boolean exactInput = !in.negated() && !in.wildcard() && !in.name().isEmpty();
            return new Keys(ports, prefixKey(ip.destination()), prefixKey(ip.source()),
                    exactInput ? new long[] {in.name().hashCode()} : NONE,
                    protocol == 0 ? NONE : new long[] {protocol}, exactInput ? in.name() : null);
        }

        long[] of(Dimension dimension) {
            return switch (dimension) {
                case PORT -> ports;
                case DESTINATION -> destination;
                case SOURCE -> source;
                case INPUT -> input;
                case PROTOCOL -> protocol;
            };
        }

        private static long[] prefixKey(AddressSpec spec) {
            int length = prefixLength(spec);
            if (spec.negated() || length <= 0) {
                return NONE;
            }
            return new long[] {(long) length << 32 | (spec.address().bits() & 0xffff_ffffL)};
        }

        private static long[] portKeys(int protocol, Match match) {
            List<PortRange> ranges = new ArrayList<>();
            if (match instanceof TcpMatch tcp && protocol == 6) {
                addRange(ranges, tcp.destinationPorts());
            } else if (match instanceof UdpMatch udp && protocol == 17) {
                addRange(ranges, udp.destinationPorts());
            } else if (match instanceof MultiportMatch multiport && !multiport.negated()
                    && multiport.direction() == MultiportMatch.Direction.DESTINATION
                    && PacketContext.hasPortProtocol(protocol)) {
                ranges.addAll(multiport.ports());
            }
            long count = 0;
            for (PortRange range : ranges) {
                count += Math.max(0, range.last() - range.first() + 1);
            }
            if (ranges.isEmpty() || count > MAX_PORTS_PER_RULE) {
                return NONE;
            }
            long[] keys = new long[(int) count];
            int next = 0;
            for (PortRange range : ranges) {
                for (int port = range.first(); port <= range.last(); port++) {
                    keys[next++] = protocol << 16 | port;
                }
            }
            return keys;
        }

        private static void addRange(List<PortRange> ranges, Negatable<PortRange> ports) {
            if (!ports.negated() && !ports.value().isAll()) {
                ranges.add(ports.value());
            }
        }
    }

    /** The lists being built: rule numbers appended in rule order, so each list is sorted. */
    private static final class Buckets {
        final IntMap<List<Integer>> ports = new IntMap<>();
        final Map<Integer, List<Integer>> protocols = new HashMap<>();
        final Map<Integer, IntMap<List<Integer>>> destinations = new HashMap<>();
        final Map<Integer, IntMap<List<Integer>>> sources = new HashMap<>();
        final Map<String, List<Integer>> inputs = new HashMap<>();
        final List<Integer> rest = new ArrayList<>();

        void file(int rule, Dimension dimension, Keys keys) {
            if (dimension == null) {
                rest.add(rule);
                return;
            }
            switch (dimension) {
                case PORT -> {
                    for (long key : keys.ports()) {
                        ports.computeIfAbsent((int) key, ArrayList::new).add(rule);
                    }
                }
                case DESTINATION -> filePrefix(destinations, keys.destination()[0], rule);
                case SOURCE -> filePrefix(sources, keys.source()[0], rule);
                case INPUT -> inputs.computeIfAbsent(keys.inputName(), name -> new ArrayList<>()).add(rule);
                case PROTOCOL -> protocols.computeIfAbsent((int) keys.protocol()[0], p -> new ArrayList<>()).add(rule);
            }
        }

        private static void filePrefix(Map<Integer, IntMap<List<Integer>>> byLength, long key, int rule) {
            int length = (int) (key >>> 32);
            byLength.computeIfAbsent(length, l -> new IntMap<>()).computeIfAbsent((int) key, ArrayList::new).add(rule);
        }
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static IntMap<int[]> toArrays(IntMap<List<Integer>> lists) {
        IntMap<int[]> arrays = new IntMap<>(lists.size());
        lists.forEach((key, list) -> arrays.put(key, toArray(list)));
        return arrays;
    }

    private static int[][] protocolArrays(Map<Integer, List<Integer>> lists) {
        int[][] arrays = new int[256][];
        lists.forEach((protocol, list) -> arrays[protocol] = toArray(list));
        return arrays;
    }

    private static int[] lengths(Map<Integer, IntMap<List<Integer>>> byLength) {
        return byLength.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @SuppressWarnings("unchecked")
    private static IntMap<int[]>[] prefixArrays(Map<Integer, IntMap<List<Integer>>> byLength) {
        IntMap<int[]>[] arrays = new IntMap[33];
        byLength.forEach((length, lists) -> arrays[length] = toArrays(lists));
        return arrays;
    }

    private static Map<String, int[]> stringArrays(Map<String, List<Integer>> lists) {
        Map<String, int[]> arrays = new HashMap<>();
        lists.forEach((name, list) -> arrays.put(name, toArray(list)));
        return arrays;
    }
}
