package io.nflab.conntrack;

import static io.nflab.conntrack.CliTables.ANY_NAT;
import static io.nflab.conntrack.CliTables.DST_NAT;
import static io.nflab.conntrack.CliTables.SRC_NAT;

import io.nflab.conntrack.CliTables.Command;
import java.util.List;
import java.util.OptionalInt;

/**
 * conntrack 1.4.7's {@code do_parse}: getopt over the arguments, each option into the request, then the
 * checks of which options the command needs and allows — with conntrack's own messages.
 */
final class CliParser {
    private static final String[] STATUS_NAMES = {"ASSURED", "SEEN_REPLY", "UNSET", "FIXED_TIMEOUT", "EXPECTED",
        "OFFLOAD", "HW_OFFLOAD"};
    private static final int[] STATUS_VALUES = {ConntrackStatus.ASSURED, ConntrackStatus.SEEN_REPLY, 0,
        ConntrackStatus.FIXED_TIMEOUT, ConntrackStatus.EXPECTED, ConntrackStatus.OFFLOAD, ConntrackStatus.HW_OFFLOAD};
    private static final String[] EVENT_NAMES = {"ALL", "NEW", "UPDATES", "DESTROY"};
    private static final String[] OUTPUT_NAMES = {"xml", "extended", "timestamp", "id", "ktimestamp", "labels",
        "userspace", "save"};
    private static final int[] OUTPUT_VALUES = {CliRequest.OUTPUT_XML, CliRequest.OUTPUT_EXTENDED,
        CliRequest.OUTPUT_TIMESTAMP, CliRequest.OUTPUT_ID, CliRequest.OUTPUT_KTIMESTAMP, CliRequest.OUTPUT_LABELS, 0,
        CliRequest.OUTPUT_SAVE};

    private final CliRequest request = new CliRequest();
    private final StringBuilder warnings;
    private final Getopt getopt;
    private int commandBits;

    private CliParser(List<String> argv, StringBuilder warnings) {
        this.warnings = warnings;
        this.getopt = new Getopt(argv, CliTables.SHORT_OPTIONS, CliTables.LONG_OPTIONS);
    }

    /** Parses {@code argv} ({@code argv[0]} is the program name); warnings go to {@code warnings}. */
    static CliRequest parse(List<String> argv, StringBuilder warnings) {
        return new CliParser(argv, warnings).parse();
    }

    private CliRequest parse() {
        for (Getopt.Option option = getopt.next(); option.value() != Getopt.END; option = getopt.next()) {
            handle(option.value(), option.argument());
        }
        if (request.family == CliRequest.AF_UNSPEC && !defaultsToNoFamily()) {
            request.family = CliRequest.AF_INET;
        }
        if (request.has(ANY_NAT) && request.has(SRC_NAT | DST_NAT)) {
            throw CliExit.parameter("cannot specify `--src-nat' or `--dst-nat' with `--any-nat'");
        }
        request.command = commandBits == 0 ? null : Command.values()[Integer.numberOfTrailingZeros(commandBits)];
        checkOptions();
        if (request.command != Command.HELP && request.module != null) {
            checkModuleOptions();
        }
        return request;
    }

    private boolean defaultsToNoFamily() {
        return commandBits == Command.LIST.bit() || commandBits == Command.UPDATE.bit()
                || commandBits == Command.DELETE.bit() || commandBits == Command.GET.bit()
                || commandBits == Command.FLUSH.bit() || commandBits == Command.EVENT.bit();
    }

    private void handle(int c, String arg) {
        switch (c) {
            case 'L' -> {
                String table = checkType(arg);
                addCommand(table.equals("expect") ? Command.EXP_LIST : Command.LIST);
                request.table = table; // -L also lists the dying and unconfirmed lists
            }
            case 'I', 'D', 'G', 'F', 'E', 'V', 'h', 'C', 'S', 'U', 'A' -> command((char) c, arg);
            case 's', 'd', 'r', 'q' -> address((char) c, arg);
            case '[', ']', '{', '}' -> expectationAddress((char) c, arg);
            case 'p' -> protocol(arg);
            case 't' -> {
                request.options |= CliTables.TIMEOUT;
                request.timeout = CText.atol(arg) & 0xffffffffL;
            }
            case 'u' -> status(arg);
            case 'e' -> {
                request.options |= CliTables.EVENT_MASK;
                parseParameter(arg, EVENT_NAMES, new int[] {1, 1, 1, 1});
            }
            case 'o' -> output(arg);
            case 'z' -> request.options |= CliTables.ZERO;
            case 'n', 'g', 'j' -> nat((char) c, arg);
            case 'w', '(', ')' -> {
                request.options |= c == 'w' ? CliTables.ZONE : c == '(' ? CliTables.ORIG_ZONE : CliTables.REPL_ZONE;
                request.zone = (int) (CText.strtoul(arg) & 0xffff);
            }
            case 'i', 'c' -> {
                long value = CText.strtoul(arg == null ? "" : arg) & 0xffffffffL;
                if (c == 'i') {
                    request.options |= CliTables.ID;
                    request.id = value;
                } else {
                    request.options |= CliTables.SECMARK;
                    request.secmark = value;
                }
            }
            case 'm' -> mark(arg);
            case 'l', '<', '>' -> label((char) c, arg);
            case 'a' -> warnings.append("WARNING: ignoring -a, deprecated option.\n");
            case 'f' -> family(arg);
            case 'b' -> request.options |= CliTables.BUFFER_SIZE;
            case ':' -> throw CliExit.parameter("option `" + getopt.lastArgument() + "' requires an argument");
            case '?' -> throw CliExit.parameter("unknown option `" + getopt.lastArgument() + "'");
            default -> moduleOption(c - CliProtocol.OPTION_BASE, arg);
        }
    }

    /** conntrack's {@code check_type}: the table named right after a command, if any. */
    private String checkType(String attached) {
        String table = attached != null ? null : getopt.takeOptionalArgument();
        if (table == null) {
            return "conntrack";
        }
        for (String known : new String[] {"expect", "conntrack", "dying", "unconfirmed"}) {
            if (known.startsWith(table)) {
                return known;
            }
        }
        throw CliExit.parameter("unknown type `" + table + "'");
    }

    private void command(char c, String arg) {
        String table = checkType(arg);
        if (table.equals("dying") || table.equals("unconfirmed")) {
            throw CliExit.parameter("Can't do that command with tables `dying' and `unconfirmed'");
        }
        boolean expect = table.equals("expect");
        Command command = switch (c) {
            case 'I' -> expect ? Command.EXP_CREATE : Command.CREATE;
            case 'D' -> expect ? Command.EXP_DELETE : Command.DELETE;
            case 'G' -> expect ? Command.EXP_GET : Command.GET;
            case 'F' -> expect ? Command.EXP_FLUSH : Command.FLUSH;
            case 'E' -> expect ? Command.EXP_EVENT : Command.EVENT;
            case 'V' -> Command.VERSION;
            case 'h' -> Command.HELP;
            case 'C' -> expect ? Command.EXP_COUNT : Command.COUNT;
            case 'S' -> expect ? Command.EXP_STATS : Command.STATS;
            case 'U' -> expect ? null : Command.UPDATE;
            default -> expect ? null : Command.ADD;
        };
        if (command == null) {
            throw CliExit.parameter("Can't do --" + longName(c) + " on expectations");
        }
        addCommand(command);
    }

    private void addCommand(Command command) {
        if (commandBits != 0) {
            throw CliExit.parameter("Invalid commands combination");
        }
        commandBits = command.bit();
        request.table = command.name().startsWith("EXP_") ? "expect" : "conntrack";
    }

    private static String longName(int value) {
        return CliTables.LONG_OPTIONS.stream().filter(o -> o.value() == value).map(Getopt.LongOption::name)
                .findFirst().orElse("unknown");
    }

    private void address(char c, String arg) {
        ParsedAddress parsed = parseAddress(arg);
        setFamily(parsed.family);
        boolean maskable = c == 's' || c == 'd';
        if (parsed.mask != -1 && !maskable) {
            throw CliExit.parameter("CIDR notation unavailable for `--" + longName(c) + "'");
        }
        if (parsed.mask == -2) {
            throw CliExit.parameter("Invalid netmask");
        }
        Integer bits = parsed.family == CliRequest.AF_INET ? parsed.bits : null;
        switch (c) {
            case 's' -> {
                request.options |= CliTables.ORIG_SRC;
                request.origSrc = bits;
            }
            case 'd' -> {
                request.options |= CliTables.ORIG_DST;
                request.origDst = bits;
            }
            case 'r' -> {
                request.options |= CliTables.REPL_SRC;
                request.replySrc = bits;
            }
            default -> {
                request.options |= CliTables.REPL_DST;
                request.replyDst = bits;
            }
        }
        int full = parsed.family == CliRequest.AF_INET ? 32 : 128;
        if (parsed.mask == -1 || parsed.mask == full) {
            return;
        }
        int netmask = parsed.mask == 0 || parsed.family != CliRequest.AF_INET ? 0 : -1 << (32 - parsed.mask);
        if (c == 's') {
            request.options |= CliTables.MASK_SRC;
            request.srcMask = netmask;
        } else {
            request.options |= CliTables.MASK_DST;
            request.dstMask = netmask;
        }
    }

    private void expectationAddress(char c, String arg) {
        ParsedAddress parsed = parseAddress(arg);
        setFamily(parsed.family);
        request.options |= switch (c) {
            case '[' -> CliTables.EXP_SRC;
            case ']' -> CliTables.EXP_DST;
            case '{' -> CliTables.MASK_SRC;
            default -> CliTables.MASK_DST;
        };
    }

    private record ParsedAddress(int family, int bits, int mask) {
    }

    /** conntrack's {@code parse_addr}: address, family and a /mask (-1 none, -2 invalid). */
    private static ParsedAddress parseAddress(String arg) {
        String text = arg.length() > 45 ? arg.substring(0, 45) : arg;
        int mask = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            mask = parseMaskLength(digits);
            text = text.substring(0, slash);
        }
        OptionalInt v4 = CText.inetAton(text);
        if (v4.isPresent()) {
            return new ParsedAddress(CliRequest.AF_INET, v4.getAsInt(), mask > 32 ? -2 : mask);
        }
        if (CText.isIpv6Literal(text)) {
            return new ParsedAddress(CliRequest.AF_INET6, 0, mask > 128 ? -2 : mask);
        }
        throw CliExit.parameter("Invalid IP address `" + arg + "'");
    }

    /** {@code strtol(digits, &end, 10)} that must end the text and not be negative; else -2. */
    private static int parseMaskLength(String digits) {
        int i = 0;
        while (i < digits.length() && Character.isWhitespace(digits.charAt(i))) {
            i++;
        }
        boolean negative = i < digits.length() && digits.charAt(i) == '-';
        if (i < digits.length() && (digits.charAt(i) == '+' || digits.charAt(i) == '-')) {
            i++;
        }
        int from = i;
        long value = 0;
        while (i < digits.length() && digits.charAt(i) >= '0' && digits.charAt(i) <= '9') {
            value = Math.min(value * 10 + digits.charAt(i++) - '0', Integer.MAX_VALUE + 1L);
        }
        int end = i == from ? 0 : i; // no digits: strtol leaves end at the start
        if (end != digits.length() || negative && value != 0 || value > Integer.MAX_VALUE) {
            return -2;
        }
        return (int) value;
    }

    private void setFamily(int family) {
        if (request.family == CliRequest.AF_UNSPEC) {
            request.family = family;
        } else if (request.family != family) {
            throw CliExit.parameter("mismatched address family");
        }
    }

    private void protocol(String arg) {
        request.options |= CliTables.PROTO;
        CliProtocol.Found found = CliProtocol.find(arg)
                .orElseThrow(() -> CliExit.parameter("`" + arg + "' unsupported protocol"));
        request.module = found.module();
        request.protocol = found.number();
        getopt.addLongOptions(found.module().longOptions());
    }

    /** conntrack's {@code parse_parameter_mask}: names set bits, {@code !NAME} bits that must be clear. */
    private void status(String text) {
        request.options |= CliTables.STATUS;
        int status = request.status;
        int mask = request.statusMask;
        String arg = text;
        for (int comma = arg.indexOf(','); comma >= 0; comma = arg.indexOf(',')) {
            if (comma == 0) {
                throw badParameter(arg);
            }
            boolean negated = arg.charAt(0) == '!';
            if (negated) {
                arg = arg.substring(1);
                comma--;
            }
            if (comma == 0) {
                throw badParameter(arg);
            }
            if (!negated && arg.startsWith("UNREPLIED")) {
                mask |= ConntrackStatus.SEEN_REPLY;
            } else {
                int bits = parameterValue(arg.substring(0, comma), STATUS_NAMES, STATUS_VALUES);
                if (bits < 0) {
                    throw badParameter(arg);
                }
                if (negated) {
                    mask |= bits;
                } else {
                    status |= bits;
                }
            }
            arg = arg.substring(comma + 1);
        }
        boolean negated = arg.startsWith("!");
        if (negated) {
            arg = arg.substring(1);
        }
        if (!negated && arg.startsWith("UNREPLIED")) {
            mask |= ConntrackStatus.SEEN_REPLY;
        } else {
            int bits = arg.isEmpty() ? -1 : parameterValue(arg, STATUS_NAMES, STATUS_VALUES);
            if (bits < 0) {
                throw badParameter(arg);
            }
            if (negated) {
                mask |= bits;
            } else {
                status |= bits;
            }
        }
        request.status = status;
        request.statusMask = mask == 0 ? status : mask;
    }

    private static CliExit badParameter(String arg) {
        return CliExit.parameter("Bad parameter `" + arg + "'");
    }

    /** conntrack's {@code parse_parameter}: comma-separated names (prefixes allowed), OR-ed. */
    private int parseParameter(String text, String[] names, int[] values) {
        int result = 0;
        String arg = text;
        for (int comma = arg.indexOf(','); comma >= 0; comma = arg.indexOf(',')) {
            int value = comma == 0 ? -1 : parameterValue(arg.substring(0, comma), names, values);
            if (value < 0) {
                throw badParameter(arg);
            }
            result |= value;
            arg = arg.substring(comma + 1);
        }
        int value = arg.isEmpty() ? -1 : parameterValue(arg, names, values);
        if (value < 0) {
            throw badParameter(arg);
        }
        return result | value;
    }

    /** {@code do_parse_parameter}: SRC_NAT/DST_NAT are ignored with a warning, else a name's value or -1. */
    private int parameterValue(String token, String[] names, int[] values) {
        if (isPrefixIgnoringCase(token, "SRC_NAT")) {
            warnings.append("WARNING: ignoring SRC_NAT, use --src-nat instead\n");
            return 0;
        }
        if (isPrefixIgnoringCase(token, "DST_NAT")) {
            warnings.append("WARNING: ignoring DST_NAT, use --dst-nat instead\n");
            return 0;
        }
        for (int i = 0; i < names.length; i++) {
            if (isPrefixIgnoringCase(token, names[i])) {
                return values[i];
            }
        }
        return -1;
    }

    /** {@code strncasecmp(token, name, strlen(token)) == 0}. */
    private static boolean isPrefixIgnoringCase(String token, String name) {
        return token.length() <= name.length() && name.regionMatches(true, 0, token, 0, token.length());
    }

    private void output(String arg) {
        request.options |= CliTables.OUTPUT;
        request.output |= parseParameter(arg, OUTPUT_NAMES, OUTPUT_VALUES);
        if ((request.output & CliRequest.OUTPUT_SAVE) != 0 && (request.output & ~CliRequest.OUTPUT_SAVE) != 0) {
            throw CliExit.other("cannot combine save output with any other output type, use -o save only");
        }
    }

    private void nat(char c, String attached) {
        request.options |= c == 'n' ? SRC_NAT : c == 'g' ? DST_NAT : ANY_NAT;
        String arg = attached != null ? attached : getopt.takeOptionalArgument();
        if (arg == null) {
            return;
        }
        String address = arg;
        Integer port = null;
        int colon = arg.indexOf(':');
        if (arg.contains("[")) {
            throw CliExit.other("nflab models IPv4 connection tracking only: `" + arg + "'");
        }
        if (colon >= 0 && arg.indexOf(':', colon + 1) < 0) {
            address = arg.substring(0, colon);
            String portText = arg.substring(colon + 1);
            if (portText.isEmpty()) {
                throw CliExit.parameter("No port specified after `:'");
            }
            if (!portText.chars().allMatch(ch -> ch >= '0' && ch <= '9') || portText.length() > 18
                    || Long.parseLong(portText) > 0xffff) {
                throw CliExit.parameter("Invalid port `" + portText + "'");
            }
            port = (int) Long.parseLong(portText);
        }
        ParsedAddress parsed = parseAddress(address);
        setFamily(parsed.family);
        if (parsed.mask != -1) {
            throw CliExit.parameter("CIDR notation unavailable for `--" + longName(c) + "'");
        }
        Integer bits = parsed.family == CliRequest.AF_INET ? parsed.bits : null;
        if (c != 'g') {
            request.snatAddress = bits;
            request.snatPort = port;
        }
        if (c != 'n') {
            request.dnatAddress = bits;
            request.dnatPort = port;
        }
    }

    /** conntrack 1.4.7's {@code parse_u32_mask}: {@code value[/mask]}, both strtoul, no error. */
    private void mark(String arg) {
        request.options |= CliTables.MARK;
        CText.Unsigned value = CText.strtoul(arg, 0);
        request.markValue = value.value() & 0xffffffffL;
        boolean masked = value.end() < arg.length() && arg.charAt(value.end()) == '/';
        request.markMask = masked ? CText.strtoul(arg.substring(value.end() + 1)) & 0xffffffffL : 0xffffffffL;
    }

    /**
     * Labels need /etc/connlabel.conf, which a lab node does not have: like conntrack on such a system,
     * every label name is unknown.
     */
    private void label(char c, String arg) {
        request.options |= c == 'l' ? CliTables.LABEL : c == '<' ? CliTables.ADD_LABEL : CliTables.DEL_LABEL;
        warnings.append("nfct_labelmap_new: No such file or directory\n");
        if (request.has(CliTables.ADD_LABEL) && request.has(CliTables.DEL_LABEL)) {
            throw CliExit.other("cannot use --label-add and --label-del at the same time");
        }
        String name = c == '>' && arg == null ? getopt.takeOptionalArgument() : arg;
        if (name != null) {
            throw CliExit.parameter("unknown label '" + name.split(",", -1)[0] + "'");
        }
    }

    private void family(String arg) {
        request.options |= CliTables.FAMILY;
        if (arg.startsWith("ipv4")) {
            setFamily(CliRequest.AF_INET);
        } else if (arg.startsWith("ipv6")) {
            setFamily(CliRequest.AF_INET6);
        } else {
            throw CliExit.parameter("`" + arg + "' unsupported protocol");
        }
    }

    /** A protocol module's option ({@code h->parse_opts}); {@code letter} is '1'… */
    private void moduleOption(int letter, String arg) {
        CliProtocol module = request.module;
        int flagIndex = letter - '1';
        request.moduleFlags |= 1 << flagIndex;
        switch (module.kind) {
            case PORTS -> {
                if (module.stateFlag() != 0 && letter == '7') {
                    tcpState(arg);
                    return;
                }
                portOption(letter, CText.atoi(arg) & 0xffff);
            }
            case ICMP -> {
                switch (letter) {
                    case '1' -> request.icmpType = CText.atoi(arg) & 0xff;
                    case '2' -> request.icmpCode = CText.atoi(arg) & 0xff;
                    default -> request.icmpId = CText.atoi(arg) & 0xffff;
                }
            }
            case KEYS -> {
                portOption(letter, (int) (CText.strtoul(arg) & 0xffff)); // GRE keys fill the port fields
            }
            case NONE -> {
                // modules without options never return an option value
            }
        }
    }

    /** A port-like option {@code letter} of a layer-4 module (ports, or GRE keys) sets its tuple field. */
    private void portOption(int letter, int value) {
        switch (letter) {
            case '1' -> request.origSourcePort = value;
            case '2' -> request.origDestinationPort = value;
            case '3' -> request.replySourcePort = value;
            case '4' -> request.replyDestinationPort = value;
            default -> {
                // masks and expectation tuples: expectations are not modelled
            }
        }
    }

    private void tcpState(String arg) {
        for (TcpState state : TcpState.values()) {
            if (state.name().equals(arg)) {
                request.tcpState = state;
                return;
            }
        }
        if (arg.equals("LISTEN")) {
            request.tcpState = TcpState.SYN_SENT2; // kernels since 2.6.31 reuse LISTEN's number
            return;
        }
        throw CliExit.parameter("unknown TCP state `" + arg + "'");
    }

    /** conntrack's {@code generic_opt_check} over the command's row, then the address pairs. */
    private void checkOptions() {
        Command command = request.command;
        String[] names = CliTables.OPTION_NAMES;
        boolean special = false;
        for (int i = 0; i < names.length; i++) {
            int legality = command == null ? 0 : CliTables.legality(command, i);
            boolean given = (request.options & 1 << i) != 0;
            if (!given && legality == 1) {
                throw CliExit.parameter("You need to supply the `--" + names[i] + "' option for this command");
            }
            if (given && legality == 0) {
                throw CliExit.parameter("Illegal option `--" + names[i] + "' with this command");
            }
            special |= legality == 3;
        }
        if (special) {
            checkPairs(request.options, CliTables.ORIG, CliTables.REPL, new String[] {
                "you have to specify `--src' and `--dst'", "you have to specify `--reply-src' and `--reply-dst'"});
        }
    }

    private void checkModuleOptions() {
        CliProtocol module = request.module;
        String[] names = module.flagNames();
        String row = module.legality(request.command);
        boolean special = false;
        for (int i = 0; i < names.length; i++) {
            int legality = row.charAt(i) - '0';
            boolean given = (request.moduleFlags & 1 << i) != 0;
            if (!given && legality == 1) {
                throw CliExit.parameter("You need to supply the `--" + names[i] + "' option for this command");
            }
            if (given && legality == 0) {
                throw CliExit.parameter("Illegal option `--" + names[i] + "' with this command");
            }
            special |= legality == 3;
        }
        if (special) {
            module.pairMessages().ifPresent(messages -> checkPairs(request.moduleFlags,
                    CliProtocol.ORIG_SPORT | CliProtocol.ORIG_DPORT, CliProtocol.REPL_SPORT | CliProtocol.REPL_DPORT,
                    messages));
        }
    }

    /** One of the pairs must be complete; the message names the first pair partly given, else the first. */
    private static void checkPairs(int given, int firstPair, int secondPair, String[] messages) {
        if ((given & firstPair) == firstPair || (given & secondPair) == secondPair) {
            return;
        }
        boolean secondPartly = (given & firstPair) == 0 && (given & secondPair) != 0;
        throw CliExit.parameter(messages[secondPartly ? 1 : 0]);
    }
}
