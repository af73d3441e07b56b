package io.nflab.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.nflab.iptables.Getopt.ArgKind;
import io.nflab.iptables.Getopt.LongOption;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetoptTest {
    private static final List<LongOption> OPTIONS = List.of(
            new LongOption("destination", ArgKind.REQUIRED, 'd'),
            new LongOption("dst", ArgKind.REQUIRED, 'd'),
            new LongOption("delete", ArgKind.REQUIRED, 'D'),
            new LongOption("list", ArgKind.OPTIONAL, 'L'));

    @Test
    void abbreviationsSharingAKeyAreNotAmbiguous() {
        Getopt getopt = new Getopt(List.of("prog", "--dst", "1.2.3.4", "--des", "5.6.7.8"), "d:D:L::");
        assertEquals(new Getopt.Found('d', "1.2.3.4"), getopt.next(OPTIONS));
        assertEquals(new Getopt.Found('d', "5.6.7.8"), getopt.next(OPTIONS));
        assertInstanceOf(Getopt.End.class, getopt.next(OPTIONS));
    }

    @Test
    void aPrefixOfOptionsWithDifferentKeysIsAmbiguous() {
        Getopt getopt = new Getopt(List.of("prog", "--d", "x"), "d:D:");
        Getopt.Result result = getopt.next(OPTIONS);
        assertEquals(new Getopt.Unknown("option '--d' is ambiguous; possibilities: '--destination' '--dst' '--delete'"),
                result);
        assertEquals(2, getopt.optind());
    }

    @Test
    void shortClustersAttachedArgumentsAndOptionalArguments() {
        Getopt getopt = new Getopt(List.of("prog", "-nLINPUT", "-d", "!", "x"), "nd:L::");
        assertEquals(new Getopt.Found('n', null), getopt.next(OPTIONS));
        assertEquals(new Getopt.Found('L', "INPUT"), getopt.next(OPTIONS));
        assertEquals(new Getopt.Found('d', "!"), getopt.next(OPTIONS));
        assertEquals(new Getopt.NonOption("x"), getopt.next(OPTIONS));
    }

    @Test
    void missingArgumentsAndUnknownOptionsAreReportedLikeGlibc() {
        assertEquals(new Getopt.MissingArgument("option '--delete' requires an argument"),
                new Getopt(List.of("prog", "--delete"), "D:").next(OPTIONS));
        assertEquals(new Getopt.Unknown("invalid option -- 'z'"), new Getopt(List.of("prog", "-z"), "D:").next(OPTIONS));
        assertEquals(new Getopt.Unknown("unrecognized option '--nope=1'"),
                new Getopt(List.of("prog", "--nope=1"), "D:").next(OPTIONS));
    }
}
