package io.nflab.conntrack;

import io.nflab.conntrack.Getopt.Arg;
import io.nflab.conntrack.Getopt.LongOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * conntrack's protocol modules (extensions/libct_proto_*.c): the options {@code -p NAME} adds, which
 * command accepts which of them, the pairs create and get need, and the help text. SCTP and DCCP get the
 * port options only (their {@code --state} and tag options are not modelled).
 */
enum CliProtocol {
    TCP("tcp", Protocols.TCP, Kind.PORTS, StateOption.WITH_STATE),
    UDP("udp", Protocols.UDP, Kind.PORTS, StateOption.WITHOUT_STATE),
    UDPLITE("udplite", Protocols.UDPLITE, Kind.PORTS, StateOption.WITHOUT_STATE),
    SCTP("sctp", Protocols.SCTP, Kind.PORTS, StateOption.WITHOUT_STATE),
    DCCP("dccp", Protocols.DCCP, Kind.PORTS, StateOption.WITHOUT_STATE),
    ICMP("icmp", Protocols.ICMP, Kind.ICMP, StateOption.WITHOUT_STATE),
    ICMPV6("icmpv6", Protocols.ICMPV6, Kind.NONE, StateOption.WITHOUT_STATE),
    GRE("gre", Protocols.GRE, Kind.KEYS, StateOption.WITHOUT_STATE),
    UNKNOWN("unknown", 0, Kind.NONE, StateOption.WITHOUT_STATE);

    /** What the module's options set. */
    enum Kind {
        PORTS, ICMP, KEYS, NONE
    }

    /** Whether a port module has {@code --state} (nflab: TCP only). */
    enum StateOption {
        WITH_STATE, WITHOUT_STATE
    }

    /** Values returned by getopt for module options: 1000 + the module's option letter '1'… */
    static final int OPTION_BASE = 1000;

    /** Module flag bits, in the module's order. */
    static final int ORIG_SPORT = 1;
    static final int ORIG_DPORT = 1 << 1;
    static final int REPL_SPORT = 1 << 2;
    static final int REPL_DPORT = 1 << 3;

    final String name;
    final int number;
    final Kind kind;
    private final boolean hasState;

    CliProtocol(String name, int number, Kind kind, StateOption state) {
        this.name = name;
        this.number = number;
        this.kind = kind;
        this.hasState = state == StateOption.WITH_STATE;
    }

    /**
     * conntrack's {@code findproto}: a module by name (any case), else an /etc/protocols name (unknown
     * module), else a number 0..255 (its module, or the unknown one); the protocol number comes along.
     */
    static Optional<Found> find(String text) {
        for (CliProtocol protocol : searchOrder()) {
            if (protocol.name.equalsIgnoreCase(text)) {
                return Optional.of(new Found(protocol, protocol.number));
            }
        }
        OptionalInt known = Protocols.byEtcProtocolsName(text);
        if (known.isPresent()) {
            return Optional.of(new Found(UNKNOWN, known.getAsInt()));
        }
        CText.Unsigned parsed = CText.strtoul(text, 0);
        if (text.isEmpty() || parsed.end() != text.length() || parsed.end() == 0 || parsed.value() < 0
                || parsed.value() > 255) {
            return Optional.empty();
        }
        int number = (int) parsed.value();
        for (CliProtocol protocol : searchOrder()) {
            if (protocol.number == number) {
                return Optional.of(new Found(protocol, number));
            }
        }
        return Optional.of(new Found(UNKNOWN, number));
    }

    /** conntrack registers modules at the head of a list: the last registered is found first. */
    private static List<CliProtocol> searchOrder() {
        List<CliProtocol> order = new ArrayList<>(List.of(values()));
        java.util.Collections.reverse(order);
        return order;
    }

    /** A {@code -p} argument resolved. */
    record Found(CliProtocol module, int number) {
    }

    /** The module for a protocol number, as conntrack prints {@code -o save} lines. */
    static Optional<CliProtocol> forNumber(int number) {
        for (CliProtocol protocol : searchOrder()) {
            if (protocol != UNKNOWN && protocol.number == number) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    List<LongOption> longOptions() {
        return switch (kind) {
            case PORTS -> {
                List<LongOption> options = new ArrayList<>(List.of(opt("orig-port-src", '1'), opt("sport", '1'),
                        opt("orig-port-dst", '2'), opt("dport", '2'), opt("reply-port-src", '3'),
                        opt("reply-port-dst", '4'), opt("mask-port-src", '5'), opt("mask-port-dst", '6')));
                if (hasState) {
                    options.add(opt("state", '7'));
                    options.add(opt("tuple-port-src", '8'));
                    options.add(opt("tuple-port-dst", '9'));
                } else {
                    options.add(opt("tuple-port-src", '7'));
                    options.add(opt("tuple-port-dst", '8'));
                }
                yield options;
            }
            case ICMP -> List.of(opt("icmp-type", '1'), opt("icmp-code", '2'), opt("icmp-id", '3'));
            case KEYS -> List.of(opt("orig-key-src", '1'), opt("srckey", '1'), opt("orig-key-dst", '2'),
                    opt("dstkey", '2'), opt("reply-key-src", '3'), opt("reply-key-dst", '4'),
                    opt("mask-key-src", '5'), opt("mask-key-dst", '6'), opt("tuple-key-src", '7'),
                    opt("tuple-key-dst", '8'));
            case NONE -> List.of();
        };
    }

    private static LongOption opt(String name, char letter) {
        return new LongOption(name, Arg.REQUIRED, OPTION_BASE + letter);
    }

    /** Names of the module's flags, for "You need to supply …" and "Illegal option …". */
    String[] flagNames() {
        return switch (kind) {
            case PORTS -> hasState
                    ? new String[] {"sport", "dport", "reply-port-src", "reply-port-dst", "mask-port-src",
                        "mask-port-dst", "state", "tuple-port-src", "tuple-port-dst"}
                    : new String[] {"sport", "dport", "reply-port-src", "reply-port-dst", "mask-port-src",
                        "mask-port-dst", "tuple-port-src", "tuple-port-dst"};
            case ICMP -> new String[] {"icmp-type", "icmp-code", "icmp-id"};
            case KEYS -> new String[] {"srckey", "dstkey", "reply-key-src", "reply-key-dst", "mask-key-src",
                "mask-key-dst", "tuple-key-src", "tuple-key-dst"};
            case NONE -> new String[0];
        };
    }

    /** The module's {@code *_commands_v_options} row for a command (-A takes -I's, as conntrack 1.4.7 does). */
    String legality(CliTables.Command command) {
        String row = switch (kind) {
            case PORTS -> switch (command) {
                case LIST, UPDATE, DELETE, EVENT -> hasState ? "222200200" : "22220000";
                case CREATE, ADD -> hasState ? "333300100" : "33330000";
                case GET -> hasState ? "333300200" : "33330000";
                case EXP_CREATE -> hasState ? "110011011" : "11001111";
                case EXP_DELETE, EXP_GET -> hasState ? "111100000" : "11110000";
                default -> "";
            };
            case ICMP -> switch (command) {
                case LIST, UPDATE, DELETE, EVENT -> "222";
                case CREATE, ADD, GET -> "112";
                default -> "";
            };
            case KEYS -> switch (command) {
                case LIST, UPDATE, DELETE, EVENT -> "22220000";
                case CREATE, ADD, GET -> "33330000";
                case EXP_CREATE -> "11111111";
                case EXP_DELETE, EXP_GET -> "11110000";
                default -> "";
            };
            case NONE -> "";
        };
        StringBuilder padded = new StringBuilder(row);
        while (padded.length() < flagNames().length) {
            padded.append('0');
        }
        return padded.toString();
    }

    /** Whether the module checks the pairs ({@code --sport}/{@code --dport} …) and how it names them. */
    Optional<String[]> pairMessages() {
        return switch (kind) {
            case PORTS -> Optional.of(new String[] {"you have to specify `--sport' and `--dport'",
                "you have to specify `--reply-src-port' and `--reply-dst-port'"});
            case KEYS -> Optional.of(new String[] {"you have to specify `--srckey' and `--dstkey'",
                "you have to specify `--reply-src-key' and `--reply-dst-key'"});
            default -> Optional.empty();
        };
    }

    /** The module's bit for {@code --state}, or 0. */
    int stateFlag() {
        return hasState ? 1 << 6 : 0;
    }

    /** The help lines after "Proto `x' help:". */
    String help() {
        return switch (kind) {
            case PORTS -> "  --orig-port-src\t\toriginal source port\n"
                    + "  --orig-port-dst\t\toriginal destination port\n"
                    + "  --reply-port-src\t\treply source port\n"
                    + "  --reply-port-dst\t\treply destination port\n"
                    + "  --mask-port-src\t\tmask source port\n"
                    + "  --mask-port-dst\t\tmask destination port\n"
                    + "  --tuple-port-src\t\texpectation tuple src port\n"
                    + "  --tuple-port-src\t\texpectation tuple dst port\n"
                    + (hasState ? "  --state\t\t\tTCP state, fe. ESTABLISHED\n" : "");
            case ICMP -> "  --icmp-type\t\t\ticmp type\n  --icmp-code\t\t\ticmp code\n  --icmp-id\t\t\ticmp id\n";
            case KEYS -> "  --orig-key-src\t\toriginal source key\n"
                    + "  --orig-key-dst\t\toriginal destination key\n"
                    + "  --reply-key-src\t\treply source key\n"
                    + "  --reply-key-dst\t\treply destination key\n"
                    + "  --mask-key-src\t\tmask source key\n"
                    + "  --mask-key-dst\t\tmask destination key\n"
                    + "  --tuple-key-src\t\texpectation tuple src key\n"
                    + "  --tuple-key-src\t\texpectation tuple dst key\n";
            case NONE -> "  no options (unsupported)\n";
        };
    }
}
