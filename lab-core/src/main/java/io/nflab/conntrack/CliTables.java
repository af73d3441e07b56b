package io.nflab.conntrack;

import io.nflab.conntrack.Getopt.Arg;
import io.nflab.conntrack.Getopt.LongOption;
import java.util.List;

/**
 * conntrack 1.4.7's option tables (src/conntrack.c): commands, options, the getopt string, the long
 * options and which option each command accepts ({@code commands_v_options}).
 */
final class CliTables {
    /** Commands in their bit order ({@code CT_LIST_BIT} …). */
    enum Command {
        LIST('L', "%d flow entries have been shown."),
        CREATE('I', "%d flow entries have been created."),
        UPDATE('U', "%d flow entries have been updated."),
        DELETE('D', "%d flow entries have been deleted."),
        GET('G', "%d flow entries have been shown."),
        FLUSH('F', null),
        EVENT('E', "%d flow events have been shown."),
        VERSION('V', null),
        HELP('h', null),
        EXP_LIST('L', "%d expectations have been shown."),
        EXP_CREATE('I', null),
        EXP_DELETE('D', "%d expectations have been shown."),
        EXP_GET('G', null),
        EXP_FLUSH('F', null),
        EXP_EVENT('E', null),
        COUNT('C', null),
        EXP_COUNT('C', null),
        STATS('S', null),
        EXP_STATS('S', null),
        ADD('A', "%d flow entries have been added.");

        final char letter;
        /** What conntrack prints to stderr at the end, with the number of entries handled. */
        final String summary;

        Command(char letter, String summary) {
            this.letter = letter;
            this.summary = summary;
        }

        int bit() {
            return 1 << ordinal();
        }
    }

    /** Option bits ({@code CT_OPT_*_BIT}), in order, with the names error messages use. */
    static final String[] OPTION_NAMES = {"src", "dst", "reply-src", "reply-dst", "protonum", "timeout", "status",
        "zero", "event-mask", "tuple-src", "tuple-dst", "mask-src", "mask-dst", "nat-range", "mark", "id", "family",
        "src-nat", "dst-nat", "output", "secmark", "buffer-size", "any-nat", "zone", "label", "label-add",
        "label-del", "orig-zone", "reply-zone"};

    static final int ORIG_SRC = 1;
    static final int ORIG_DST = 1 << 1;
    static final int REPL_SRC = 1 << 2;
    static final int REPL_DST = 1 << 3;
    static final int PROTO = 1 << 4;
    static final int TIMEOUT = 1 << 5;
    static final int STATUS = 1 << 6;
    static final int ZERO = 1 << 7;
    static final int EVENT_MASK = 1 << 8;
    static final int EXP_SRC = 1 << 9;
    static final int EXP_DST = 1 << 10;
    static final int MASK_SRC = 1 << 11;
    static final int MASK_DST = 1 << 12;
    static final int MARK = 1 << 14;
    static final int ID = 1 << 15;
    static final int FAMILY = 1 << 16;
    static final int SRC_NAT = 1 << 17;
    static final int DST_NAT = 1 << 18;
    static final int OUTPUT = 1 << 19;
    static final int SECMARK = 1 << 20;
    static final int BUFFER_SIZE = 1 << 21;
    static final int ANY_NAT = 1 << 22;
    static final int ZONE = 1 << 23;
    static final int LABEL = 1 << 24;
    static final int ADD_LABEL = 1 << 25;
    static final int DEL_LABEL = 1 << 26;
    static final int ORIG_ZONE = 1 << 27;
    static final int REPL_ZONE = 1 << 28;

    static final int ORIG = ORIG_SRC | ORIG_DST;
    static final int REPL = REPL_SRC | REPL_DST;
    /** Options that make conntrack compare entries with its template ({@code CT_COMPARISON}). */
    static final int COMPARISON = PROTO | ORIG | REPL | MARK | SECMARK | STATUS | ID | ZONE | LABEL | ORIG_ZONE
            | REPL_ZONE;

    static final String SHORT_OPTIONS = ":L::I::U::D::G::E::F::A::hVs:d:r:q:p:t:u:e:a:z[:]:{:}:m:i:f:o:n::g::c:b:C::"
            + "Sj::w:l:<:>::(:):";

    static final List<LongOption> LONG_OPTIONS = List.of(
            new LongOption("dump", Arg.OPTIONAL, 'L'), new LongOption("create", Arg.OPTIONAL, 'I'),
            new LongOption("add", Arg.OPTIONAL, 'A'), new LongOption("delete", Arg.OPTIONAL, 'D'),
            new LongOption("update", Arg.OPTIONAL, 'U'), new LongOption("get", Arg.OPTIONAL, 'G'),
            new LongOption("flush", Arg.OPTIONAL, 'F'), new LongOption("event", Arg.OPTIONAL, 'E'),
            new LongOption("counter", Arg.OPTIONAL, 'C'), new LongOption("stats", Arg.NONE, 'S'),
            new LongOption("version", Arg.NONE, 'V'), new LongOption("help", Arg.NONE, 'h'),
            new LongOption("orig-src", Arg.REQUIRED, 's'), new LongOption("src", Arg.REQUIRED, 's'),
            new LongOption("orig-dst", Arg.REQUIRED, 'd'), new LongOption("dst", Arg.REQUIRED, 'd'),
            new LongOption("reply-src", Arg.REQUIRED, 'r'), new LongOption("reply-dst", Arg.REQUIRED, 'q'),
            new LongOption("protonum", Arg.REQUIRED, 'p'), new LongOption("timeout", Arg.REQUIRED, 't'),
            new LongOption("status", Arg.REQUIRED, 'u'), new LongOption("zero", Arg.NONE, 'z'),
            new LongOption("event-mask", Arg.REQUIRED, 'e'), new LongOption("tuple-src", Arg.REQUIRED, '['),
            new LongOption("tuple-dst", Arg.REQUIRED, ']'), new LongOption("mask-src", Arg.REQUIRED, '{'),
            new LongOption("mask-dst", Arg.REQUIRED, '}'), new LongOption("nat-range", Arg.REQUIRED, 'a'),
            new LongOption("mark", Arg.REQUIRED, 'm'), new LongOption("secmark", Arg.REQUIRED, 'c'),
            new LongOption("id", Arg.OPTIONAL, 'i'), new LongOption("family", Arg.REQUIRED, 'f'),
            new LongOption("src-nat", Arg.OPTIONAL, 'n'), new LongOption("dst-nat", Arg.OPTIONAL, 'g'),
            new LongOption("output", Arg.REQUIRED, 'o'), new LongOption("buffer-size", Arg.REQUIRED, 'b'),
            new LongOption("any-nat", Arg.OPTIONAL, 'j'), new LongOption("zone", Arg.REQUIRED, 'w'),
            new LongOption("label", Arg.REQUIRED, 'l'), new LongOption("label-add", Arg.REQUIRED, '<'),
            new LongOption("label-del", Arg.OPTIONAL, '>'), new LongOption("orig-zone", Arg.REQUIRED, '('),
            new LongOption("reply-zone", Arg.REQUIRED, ')'));

    /** {@code commands_v_options}: 0 illegal, 1 compulsory, 2 optional, 3 decided by address pairs. */
    private static final String[] COMMANDS_V_OPTIONS = {
        //           s d r q p t u z e [ ] { } a m i f n g o c b j w l < > ( )
        /* LIST       */ "22222022000220202222202220022",
        /* CREATE     */ "33331120000002200220000202022",
        /* UPDATE     */ "22222220000220222222000022200",
        /* DELETE     */ "22222220000220222222000220022",
        /* GET        */ "33331000000000020002000020000",
        /* FLUSH      */ "00000000000000002000000000000",
        /* EVENT      */ "22222000200220202222222220022",
        /* VERSION    */ "00000000000000000000000000000",
        /* HELP       */ "00002000000000000000000000000",
        /* EXP_LIST   */ "00000000000000002002000000000",
        /* EXP_CREATE */ "11221120011110000000000000000",
        /* EXP_DELETE */ "11221000000000000000000000000",
        /* EXP_GET    */ "11221000000000000000000000000",
        /* EXP_FLUSH  */ "00000000000000000000000000000",
        /* EXP_EVENT  */ "00000000000000000002000000000",
        /* COUNT      */ "00000000000000000000000000000",
        /* EXP_COUNT  */ "00000000000000000000000000000",
        /* STATS      */ "00000000000000000000000000000",
        /* EXP_STATS  */ "00000000000000000000000000000",
        /* ADD        */ "33331120000002200220000202022",
    };

    private CliTables() {
    }

    static int legality(Command command, int optionBit) {
        return COMMANDS_V_OPTIONS[command.ordinal()].charAt(optionBit) - '0';
    }
}
