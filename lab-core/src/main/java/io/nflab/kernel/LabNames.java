package io.nflab.kernel;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names one kernel lab gives what it creates. Namespaces carry the prefix, the creating
 * process's id and a per-process serial number, so labs of concurrent runs never collide and
 * leftovers of a crashed run can be recognised: the lab's switch namespace is
 * {@code <prefix><pid>-<serial>} (e.g. {@code nfk4711-1}) and node {@code gw}'s is
 * {@code nfk4711-1-gw}. Interfaces live inside those namespaces, so their names only need to be
 * unique there: node interfaces keep the topology's names ({@code eth0}); in the switch namespace
 * segment number {@code s} (in topology order, from 0) is bridge {@code br<s>}, and the bridge side of
 * interface {@code i} of node {@code n} (both in topology order, from 0) is port {@code n<n>p<i>} — at
 * most 11 characters, within Linux's 15.
 *
 * @param prefix lower-case letters, 1 to 8 (default {@value #DEFAULT_PREFIX})
 * @param pid    the process that created the lab
 * @param serial the lab's number within that process, from 1
 */
public record LabNames(String prefix, long pid, int serial) {

    /** The prefix of every kernel lab's namespaces unless the options say otherwise. */
    public static final String DEFAULT_PREFIX = "nfk";

    private static final Pattern PREFIX = Pattern.compile("[a-z]{1,8}");
    private static final AtomicInteger SERIAL = new AtomicInteger();

    public LabNames {
        checkPrefix(prefix);
        if (pid < 1 || serial < 1) {
            throw new IllegalArgumentException("pid and serial start at 1: " + pid + ", " + serial);
        }
    }

    /** Fresh names for a new lab of this process. */
    public static LabNames next(String prefix) {
        return new LabNames(prefix, ProcessHandle.current().pid(), SERIAL.incrementAndGet());
    }

    /**
     * The lab a namespace of {@code prefix} belongs to ({@code nfk4711-1} and {@code nfk4711-1-gw} both
     * belong to lab 1 of process 4711), or empty when the name is not one a lab with this prefix makes.
     */
    public static Optional<LabNames> ofNamespace(String prefix, String namespace) {
        checkPrefix(prefix);
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "([1-9][0-9]{0,9})-([1-9][0-9]{0,8})(-[A-Za-z0-9][A-Za-z0-9_-]*)?")
                .matcher(namespace);
        return m.matches() ? Optional.of(new LabNames(prefix, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    /** The namespace holding the lab's bridges (one per segment) and the bridge ends of the veth pairs. */
    public String switchNamespace() {
        return prefix + pid + "-" + serial;
    }

    /** The namespace of a node. */
    public String nodeNamespace(String node) {
        Objects.requireNonNull(node, "node");
        return switchNamespace() + "-" + node;
    }

    /** The bridge of the segment at this index in the topology. */
    public static String bridge(int segmentIndex) {
        return "br" + checkIndex(segmentIndex, 0xffff);
    }

    /** The bridge-side end of the veth pair of node {@code nodeIndex}'s interface {@code interfaceIndex}. */
    public static String port(int nodeIndex, int interfaceIndex) {
        return "n" + checkIndex(nodeIndex, 0xffff) + "p" + checkIndex(interfaceIndex, 0xff);
    }

    private static int checkIndex(int index, int max) {
        if (index < 0 || index > max) {
            throw new IllegalArgumentException("index out of range 0.." + max + ": " + index);
        }
        return index;
    }

    /** Throws IllegalArgumentException unless {@code prefix} is 1 to 8 lower-case letters. */
    static void checkPrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a kernel lab prefix is 1 to 8 lower-case letters: '" + prefix + "'");
        }
    }
}
