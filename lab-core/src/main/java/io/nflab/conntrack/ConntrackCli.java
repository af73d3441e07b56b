package io.nflab.conntrack;

import static io.nflab.conntrack.CliTables.ANY_NAT;
import static io.nflab.conntrack.CliTables.COMPARISON;
import static io.nflab.conntrack.CliTables.DST_NAT;
import static io.nflab.conntrack.CliTables.MARK;
import static io.nflab.conntrack.CliTables.MASK_DST;
import static io.nflab.conntrack.CliTables.MASK_SRC;
import static io.nflab.conntrack.CliTables.ORIG;
import static io.nflab.conntrack.CliTables.PROTO;
import static io.nflab.conntrack.CliTables.REPL;
import static io.nflab.conntrack.CliTables.SRC_NAT;
import static io.nflab.conntrack.CliTables.STATUS;
import static io.nflab.conntrack.CliTables.ZERO;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.CliTables.Command;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code conntrack} command (conntrack-tools 1.4.7) run on a {@link ConntrackTable}: the lab console
 * and scenario steps call {@link #execute}, which answers exactly what the real tool prints on stdout and
 * stderr and its exit status.
 *
 * <p>Supported: {@code -L} (with every filter the tool has for IPv4: {@code -s -d -r -q} with CIDR on
 * {@code -s}/{@code -d}, {@code -p} and the protocol options, {@code --state}, {@code -m}, {@code -u},
 * {@code -w}, {@code --src-nat/--dst-nat/--any-nat}, {@code -f}, {@code -z}; output {@code extended},
 * {@code id}, {@code save}), {@code -G}, {@code -D}, {@code -I}, {@code -A}, {@code -U} (mark, status,
 * timeout), {@code -F}, {@code -C}, {@code -S}, {@code -V}, {@code -h}; of the expectation table
 * {@code -L}, {@code -F}, {@code -C}. Refused with a message: {@code -E} (no event stream), {@code -o xml}, IPv6 entries, labels (no
 * connlabel.conf, as on a host without one).
 */
public final class ConntrackCli {
    static final String PREFIX = "conntrack v1.4.7 (conntrack-tools): ";
    /** The kernel's tick length: timeouts set through netlink are whole jiffies, at most INT_MAX of them. */
    private static final long NANOS_PER_JIFFY = 4_000_000L;
    private static final long HZ = 250;

    /** What the command printed and its exit status. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private final ConntrackTable table;
    private final long now;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    private ConntrackCli(ConntrackTable table, long now) {
        this.table = table;
        this.now = now;
    }

    /**
     * Runs {@code conntrack} with {@code argv} ({@code argv[0]} is the program name, "conntrack") on
     * {@code table} at lab time {@code labTimeNanos}.
     */
    public static Result execute(ConntrackTable table, long labTimeNanos, List<String> argv) {
        Objects.requireNonNull(table, "table");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv[0] is the program name");
        }
        return new ConntrackCli(table, labTimeNanos).run(argv);
    }

    private Result run(List<String> argv) {
        try {
            CliRequest request = CliParser.parse(argv, err);
            int handled = command(request);
            int status = 0;
            if (request.command != null && request.command.summary != null) {
                err.append(PREFIX).append(String.format(request.command.summary, handled)).append('\n');
                if (handled == 0 && request.command != Command.LIST && request.command != Command.EXP_LIST
                        && request.command != Command.ADD) {
                    status = 1;
                }
            }
            return new Result(status, out.toString(), err.toString());
        } catch (CliExit exit) {
            err.append(exit.stderr());
            return new Result(exit.status, out.toString(), err.toString());
        }
    }

    /** Runs the command; answers how many entries it handled (for the summary line). */
    private int command(CliRequest request) {
        if (request.command == null) {
            out.append(CliUsage.TEXT);
            return 0;
        }
        return switch (request.command) {
            case LIST -> list(request);
            case EXP_LIST, EXP_FLUSH -> expectations(request);
            case CREATE, ADD -> create(request);
            case UPDATE -> update(request);
            case DELETE -> delete(request);
            case GET -> get(request);
            case FLUSH -> {
                table.flush();
                err.append(PREFIX).append("connection tracking table has been emptied.\n");
                yield 0;
            }
            case EVENT, EXP_EVENT -> throw CliExit.other("nflab cannot follow events (-E); list the table with -L");
            case COUNT -> {
                out.append(table.count(now)).append('\n');
                yield 0;
            }
            case EXP_COUNT -> {
                out.append(table.expectations().count(now)).append('\n');
                yield 0;
            }
            case STATS -> stats();
            case EXP_STATS -> {
                ExpectationTable expectations = table.expectations();
                out.append("cpu=0   \texpect_new=").append(expectations.matched()).append(" expect_create=")
                        .append(expectations.created()).append(" expect_delete=").append(expectations.deleted())
                        .append(" \n");
                yield 0;
            }
            case VERSION -> {
                out.append("conntrack v1.4.7 (conntrack-tools)\n");
                yield 0;
            }
            case HELP -> help(request);
            case EXP_CREATE -> throw CliExit.other(find(request).isPresent()
                    ? "nflab does not model expectations created with -I expect"
                    : "Operation failed: master conntrack not found");
            case EXP_DELETE, EXP_GET -> throw CliExit.other("Operation failed: No such file or directory");
        };
    }

    private int list(CliRequest request) {
        if (!request.table.equals("conntrack")) {
            return 0; // the dying and unconfirmed lists are empty between packets
        }
        if (request.has(COMPARISON) && request.has(ZERO)) {
            throw CliExit.parameter("Can't use -z with filtering parameters");
        }
        checkMasks(request);
        if (request.has(STATUS) && request.statusMask == 0) {
            throw CliExit.other("Operation failed: invalid parameters"); // the kernel refuses an empty mask
        }
        refuseXml(request);
        int shown = 0;
        for (ConntrackEntry entry : table.entries(now)) {
            if (kernelStatusFilter(request, entry) && matches(request, entry)) {
                out.append(line(request, entry, entry.references(), "-A")).append('\n');
                if (request.has(ZERO)) {
                    entry.origPackets = 0;
                    entry.origBytes = 0;
                    entry.replyPackets = 0;
                    entry.replyBytes = 0;
                }
                shown++;
            }
        }
        return shown;
    }

    private int expectations(CliRequest request) {
        if (request.command == Command.EXP_FLUSH) {
            table.expectations().flush();
            err.append(PREFIX).append("expectation table has been emptied.\n");
            return 0;
        }
        int shown = 0;
        for (Expectation expectation : table.expectations().list(now)) {
            out.append(ConntrackFormat.expectationLine(expectation, now)).append('\n');
            shown++;
        }
        return shown;
    }

    private int delete(CliRequest request) {
        checkMasks(request);
        refuseXml(request);
        int deleted = 0;
        for (ConntrackEntry entry : table.entries(now)) {
            if (matches(request, entry)) {
                String text = line(request, entry, entry.references(), "-D");
                table.delete(entry);
                out.append(text).append('\n');
                deleted++;
            }
        }
        return deleted;
    }

    private int get(CliRequest request) {
        refuseXml(request);
        ConntrackEntry entry = find(request).orElseThrow(
                () -> CliExit.other("Operation failed: such conntrack doesn't exist"));
        out.append(line(request, entry, entry.references() + 1, "-A")).append('\n');
        return 1;
    }

    private Optional<ConntrackEntry> find(CliRequest request) {
        if (request.family == CliRequest.AF_INET6) {
            return Optional.empty();
        }
        boolean original = request.has(ORIG);
        Optional<ConntrackTuple> tuple = tuple(request, original);
        int zone = request.zone == null ? 0 : request.zone;
        return tuple.flatMap(t -> table.find(t, zone, now)).map(TupleMatch::entry);
    }

    /** The tuple given on the command line for one direction (addresses and the module's fields). */
    private static Optional<ConntrackTuple> tuple(CliRequest request, boolean original) {
        Integer src = original ? request.origSrc : request.replySrc;
        Integer dst = original ? request.origDst : request.replyDst;
        if (src == null || dst == null || request.protocol == null) {
            return Optional.empty();
        }
        int protocol = request.protocol;
        if (protocol == Protocols.ICMP) {
            int type = orZero(request.icmpType);
            return Optional.of(ConntrackTuple.of(protocol, src, dst, orZero(request.icmpId),
                    type << 8 | orZero(request.icmpCode)));
        }
        Integer a = original ? request.origSourcePort : request.replySourcePort;
        Integer b = original ? request.origDestinationPort : request.replyDestinationPort;
        return Optional.of(ConntrackTuple.of(protocol, src, dst, orZero(a), orZero(b)));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** {@code -I}/{@code -A}: an entry made through ctnetlink; {@code -A} of an existing one does nothing. */
    private int create(CliRequest request) {
        if (request.family == CliRequest.AF_INET6) {
            throw CliExit.other("nflab models IPv4 connection tracking only");
        }
        boolean original = request.has(ORIG);
        boolean reply = request.has(REPL);
        Optional<ConntrackTuple> orig = original ? tuple(request, true) : Optional.empty();
        Optional<ConntrackTuple> repl = reply ? tuple(request, false) : Optional.empty();
        if (orig.isEmpty()) {
            orig = repl.flatMap(ConntrackTuple::invert);
        }
        if (repl.isEmpty()) {
            repl = orig.flatMap(ConntrackTuple::invert);
        }
        if (orig.isEmpty() || repl.isEmpty() || !trackable(orig.get()) || !trackable(repl.get())) {
            throw CliExit.other("Operation failed: invalid parameters");
        }
        ConntrackTuple replyTuple = natReply(request, orig.get(), repl.get());
        int zone = request.zone == null ? 0 : request.zone;
        int status = request.status & ~ConntrackStatus.UNCHANGEABLE | natStatus(request, orig.get(), replyTuple);
        long timeout = Math.min(request.timeout * HZ, Integer.MAX_VALUE) * NANOS_PER_JIFFY;
        Optional<TupleMatch> existing = table.find(orig.get(), zone, now).or(() -> table.find(replyTuple, zone, now));
        if (existing.isPresent()) {
            if (request.command == Command.CREATE) {
                throw CliExit.other("Operation failed: Such conntrack exists, try -U to update");
            }
            return 0; // -A leaves an existing entry alone: "0 flow entries have been added.", status 0
        }
        if (!table.makeRoom(orig.get().high(), TupleKeys.withZone(orig.get().low(), zone), now)) {
            throw CliExit.other("Operation failed: not enough memory");
        }
        int mark = request.has(MARK) ? (int) request.markValue : 0;
        TcpState state = request.tcpState == null ? TcpState.NONE : request.tcpState;
        table.insertCreated(orig.get(), replyTuple, zone, status, timeout, mark, state, now);
        return 1;
    }

    /** ICMP tuples must have a request/reply type, as the kernel's {@code icmp_nlattr_to_tuple} checks. */
    private static boolean trackable(ConntrackTuple tuple) {
        return tuple.protocol() != Protocols.ICMP || tuple.invert().isPresent();
    }

    /** The reply tuple after {@code --src-nat}/{@code --dst-nat} (what nf_nat_setup_info makes of it). */
    private static ConntrackTuple natReply(CliRequest request, ConntrackTuple orig, ConntrackTuple reply) {
        ConntrackTuple result = reply;
        if (request.snatAddress != null) {
            int port = request.snatPort != null ? request.snatPort : result.destinationPort();
            result = result.withDestination(Ipv4Address.of(request.snatAddress), port);
        }
        if (request.dnatAddress != null) {
            int port = request.dnatPort != null ? request.dnatPort : result.sourcePort();
            result = result.withSource(Ipv4Address.of(request.dnatAddress), port);
        }
        return result;
    }

    private static int natStatus(CliRequest request, ConntrackTuple orig, ConntrackTuple reply) {
        if (request.snatAddress == null && request.dnatAddress == null) {
            return 0;
        }
        int status = ConntrackStatus.SRC_NAT_DONE | ConntrackStatus.DST_NAT_DONE;
        if (reply.dstBits() != orig.srcBits() || reply.destinationPort() != orig.sourcePort()) {
            status |= ConntrackStatus.SRC_NAT;
        }
        if (reply.srcBits() != orig.dstBits() || reply.sourcePort() != orig.destinationPort()) {
            status |= ConntrackStatus.DST_NAT;
        }
        return status;
    }

    /** {@code -U}: new mark, status bits, timeout for every entry the tuple options match. */
    private int update(CliRequest request) {
        checkMasks(request);
        int updated = 0;
        int zone = request.zone == null ? 0 : request.zone;
        long timeout = Math.min(request.timeout * HZ, Integer.MAX_VALUE) * NANOS_PER_JIFFY;
        for (ConntrackEntry entry : table.entries(now)) {
            if (!natMatches(request, entry) || !networkMatches(request, entry)
                    || request.id != null && request.id != Integer.toUnsignedLong(entry.id())
                    || request.has(ORIG | PROTO) && !tupleMatches(request, entry, true)
                    || request.has(REPL | PROTO) && !tupleMatches(request, entry, false)) {
                continue;
            }
            if (entry.zone() != zone) {
                // conntrack asks the kernel for the entry without its zone: not found.
                err.append("Operation failed: No such file or directory\n");
                continue;
            }
            if (!changes(request, entry)) {
                continue;
            }
            applyChanges(request, entry, timeout);
            out.append(line(request, entry, entry.references() + 1, "-A")).append('\n');
            updated++;
        }
        return updated;
    }

    private boolean changes(CliRequest request, ConntrackEntry entry) {
        boolean markChanges = request.has(MARK) && newMark(request, entry) != entry.mark();
        boolean statusChanges = request.has(STATUS) && (entry.status | changeableStatus(request)) != entry.status;
        return markChanges || statusChanges || request.has(CliTables.TIMEOUT);
    }

    private void applyChanges(CliRequest request, ConntrackEntry entry, long timeoutNanos) {
        if (request.has(MARK)) {
            entry.setMark(newMark(request, entry));
        }
        if (request.has(STATUS)) {
            entry.status |= changeableStatus(request);
        }
        if (request.has(CliTables.TIMEOUT) && !table.changeTimeout(entry, timeoutNanos, now)) {
            err.append("Operation failed: Operation not permitted\n");
        }
    }

    private static int newMark(CliRequest request, ConntrackEntry entry) {
        return (int) ((entry.mark() & ~request.markMask) ^ request.markValue);
    }

    private static int changeableStatus(CliRequest request) {
        return request.status & ~ConntrackStatus.UNCHANGEABLE;
    }

    private int stats() {
        ConntrackStats s = table.stats();
        out.append("cpu=0   \tfound=").append(s.found()).append(" invalid=").append(s.invalid()).append(" insert=")
                .append(s.insert()).append(" insert_failed=").append(s.insertFailed()).append(" drop=")
                .append(s.drop()).append(" early_drop=").append(s.earlyDrop()).append(" error=").append(s.error())
                .append(" search_restart=0 clash_resolve=0 chaintoolong=0 \n");
        return 0;
    }

    private int help(CliRequest request) {
        out.append(CliUsage.TEXT);
        if (request.has(PROTO)) {
            String name = request.module == CliProtocol.UNKNOWN
                    ? Protocols.etcProtocolsName(request.protocol).orElse("unknown") : request.module.name;
            out.append("Proto `").append(name).append("' help:\n").append(request.module.help());
        }
        return 0;
    }

    private static void checkMasks(CliRequest request) {
        if (request.has(MASK_SRC) && request.origSrc == null && request.family == CliRequest.AF_INET
                && !request.has(CliTables.ORIG_SRC)) {
            throw CliExit.parameter("Can't use --mask-src without --src");
        }
        if (request.has(MASK_DST) && request.origDst == null && request.family == CliRequest.AF_INET
                && !request.has(CliTables.ORIG_DST)) {
            throw CliExit.parameter("Can't use --mask-dst without --dst");
        }
    }

    private static void refuseXml(CliRequest request) {
        if ((request.output & CliRequest.OUTPUT_XML) != 0) {
            throw CliExit.other("nflab does not print XML (-o xml)");
        }
    }

    /** The kernel-side status filter of a dump ({@code -u}): the masked bits must equal the given ones. */
    private static boolean kernelStatusFilter(CliRequest request, ConntrackEntry entry) {
        return !request.has(STATUS) || (entry.status() & request.statusMask) == request.status;
    }

    /** conntrack's filters of {@code -L} and {@code -D}: family, mark, NAT, network, then the template. */
    private static boolean matches(CliRequest request, ConntrackEntry entry) {
        if (request.family == CliRequest.AF_INET6) {
            return false;
        }
        if (request.has(MARK) && (Integer.toUnsignedLong(entry.mark()) & request.markMask) != request.markValue) {
            return false;
        }
        if (!natMatches(request, entry) || !networkMatches(request, entry)) {
            return false;
        }
        if (!request.has(COMPARISON)) {
            return true;
        }
        if (request.protocol != null && entry.protocol() != request.protocol) {
            return false;
        }
        if (request.has(STATUS) && (request.status & entry.status()) != request.status) {
            return false;
        }
        int zone = entry.zone();
        if (request.zone != null && zone != request.zone) {
            return false;
        }
        if (request.id != null && request.id != Integer.toUnsignedLong(entry.id())) {
            return false;
        }
        if (request.secmark != null && request.secmark != 0) {
            return false; // entries carry no security mark
        }
        if (request.tcpState != null && entry.tcpState().map(s -> s != request.tcpState).orElse(true)) {
            return false;
        }
        return tupleMatches(request, entry, true) && tupleMatches(request, entry, false);
    }

    /** The template's fields of one direction (addresses, ports, ICMP fields) against the entry's tuple. */
    private static boolean tupleMatches(CliRequest request, ConntrackEntry entry, boolean original) {
        long high = original ? entry.origHigh : entry.replyHigh;
        long low = original ? entry.origLow : entry.replyLow;
        Integer src = original ? (request.srcMask != null ? null : request.origSrc) : request.replySrc;
        Integer dst = original ? (request.dstMask != null ? null : request.origDst) : request.replyDst;
        if (src != null && TupleKeys.src(high) != src || dst != null && TupleKeys.dst(high) != dst) {
            return false;
        }
        if (request.module == null) {
            return true;
        }
        if (request.protocol != null && TupleKeys.protocol(low) != request.protocol) {
            return false;
        }
        if (request.module.kind == CliProtocol.Kind.ICMP) {
            return !original || (request.icmpType == null || TupleKeys.b(low) >>> 8 == request.icmpType)
                    && (request.icmpCode == null || (TupleKeys.b(low) & 0xff) == request.icmpCode)
                    && (request.icmpId == null || TupleKeys.a(low) == request.icmpId);
        }
        Integer a = original ? request.origSourcePort : request.replySourcePort;
        Integer b = original ? request.origDestinationPort : request.replyDestinationPort;
        return (a == null || TupleKeys.a(low) == a) && (b == null || TupleKeys.b(low) == b);
    }

    /** {@code filter_network}: the CIDR forms of {@code -s} and {@code -d}. */
    private static boolean networkMatches(CliRequest request, ConntrackEntry entry) {
        if (request.srcMask != null && request.origSrc != null
                && (TupleKeys.src(entry.origHigh) & request.srcMask) != (request.origSrc & request.srcMask)) {
            return false;
        }
        return request.dstMask == null || request.origDst == null
                || (TupleKeys.dst(entry.origHigh) & request.dstMask) == (request.origDst & request.dstMask);
    }

    /** {@code filter_nat}: {@code --src-nat}, {@code --dst-nat}, {@code --any-nat}, with or without address/port. */
    private static boolean natMatches(CliRequest request, ConntrackEntry entry) {
        boolean any = request.has(ANY_NAT);
        boolean checkSrc = request.has(SRC_NAT) || any;
        boolean checkDst = request.has(DST_NAT) || any;
        if (!checkSrc && !checkDst) {
            return true;
        }
        boolean srcDone = entry.hasStatus(ConntrackStatus.SRC_NAT_DONE);
        boolean dstDone = entry.hasStatus(ConntrackStatus.DST_NAT_DONE);
        boolean snat = srcDone && TupleKeys.dst(entry.replyHigh) != TupleKeys.src(entry.origHigh);
        boolean spat = srcDone && TupleKeys.b(entry.replyLow) != TupleKeys.a(entry.origLow);
        boolean dnat = dstDone && TupleKeys.src(entry.replyHigh) != TupleKeys.dst(entry.origHigh);
        boolean dpat = dstDone && TupleKeys.a(entry.replyLow) != TupleKeys.b(entry.origLow);
        boolean hasSrc = checkSrc && natSide(request.snatAddress, request.snatPort, snat, spat,
                TupleKeys.dst(entry.replyHigh), TupleKeys.b(entry.replyLow));
        boolean hasDst = checkDst && natSide(request.dnatAddress, request.dnatPort, dnat, dpat,
                TupleKeys.src(entry.replyHigh), TupleKeys.a(entry.replyLow));
        if (any) {
            return hasSrc || hasDst;
        }
        if (request.has(SRC_NAT) && request.has(DST_NAT)) {
            return hasSrc && hasDst;
        }
        return request.has(SRC_NAT) ? hasSrc : hasDst;
    }

    private static boolean natSide(Integer address, Integer port, boolean addressNatted, boolean portNatted,
            int replyAddress, int replyPort) {
        boolean has = false;
        if (address != null) {
            has = addressNatted && replyAddress == address;
        }
        if (port != null) {
            boolean portMatches = portNatted && replyPort == port;
            if (address != null && has && !portMatches) {
                has = false;
            }
            if (address == null && portMatches) {
                has = true;
            }
        }
        if (address == null && port == null) {
            has = addressNatted || portNatted;
        }
        return has;
    }

    /** An entry in the requested output form ({@code -o save} lines start with {@code savePrefix}). */
    private String line(CliRequest request, ConntrackEntry entry, int use, String savePrefix) {
        if ((request.output & CliRequest.OUTPUT_SAVE) != 0) {
            return ConntrackSaveFormat.line(entry, now, savePrefix);
        }
        return ConntrackFormat.conntrackLine(entry, now, (request.output & CliRequest.OUTPUT_EXTENDED) != 0,
                (request.output & CliRequest.OUTPUT_ID) != 0, use);
    }
}
