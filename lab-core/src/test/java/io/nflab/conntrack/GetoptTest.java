package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GNU getopt_long as conntrack uses it. */
class GetoptTest {
    private static Getopt getopt(String... args) {
        return new Getopt(List.of(args), CliTables.SHORT_OPTIONS, CliTables.LONG_OPTIONS);
    }

    @Test
    void clustersAndAttachedArguments() {
        Getopt g = getopt("conntrack", "-Lx", "-zs10.0.0.1");
        Getopt.Option list = g.next();
        assertEquals('L', list.value());
        assertEquals("x", list.argument(), "an optional argument is whatever follows in the cluster");
        assertEquals('z', g.next().value());
        Getopt.Option s = g.next();
        assertEquals('s', s.value());
        assertEquals("10.0.0.1", s.argument());
        assertEquals(Getopt.END, g.next().value());
    }

    @Test
    void nonOptionsArePermutedAway() {
        Getopt g = getopt("conntrack", "stray", "-p", "tcp", "--", "-L");
        Getopt.Option p = g.next();
        assertEquals('p', p.value());
        assertEquals("tcp", p.argument());
        assertEquals(Getopt.END, g.next().value(), "-- ends the options");
    }

    @Test
    void longOptionsByUniquePrefixOrWithEquals() {
        Getopt g = getopt("conntrack", "--du", "--proto", "udp", "--dst-nat=1.2.3.4");
        assertEquals('L', g.next().value());
        assertEquals("udp", g.next().argument());
        Getopt.Option nat = g.next();
        assertEquals('g', nat.value());
        assertEquals("1.2.3.4", nat.argument());
    }

    @Test
    void ambiguousUnknownAndMissing() {
        Getopt ambiguous = getopt("conntrack", "--d");
        assertEquals('?', ambiguous.next().value());
        assertEquals("--d", ambiguous.lastArgument());
        Getopt missing = getopt("conntrack", "-L", "-s");
        missing.next();
        assertEquals(':', missing.next().value());
        assertEquals("-s", missing.lastArgument());
        Getopt inCluster = getopt("conntrack", "-L", "-xL");
        inCluster.next();
        assertEquals('?', inCluster.next().value());
        assertEquals("-L", inCluster.lastArgument(), "getopt quotes the argument before an unfinished cluster");
    }

    @Test
    void optionalArgumentsOnlyWhenAttached() {
        Getopt g = getopt("conntrack", "-L", "expect");
        assertNull(g.next().argument());
        assertEquals("expect", g.takeOptionalArgument());
        assertEquals(Getopt.END, g.next().value());
    }
}
