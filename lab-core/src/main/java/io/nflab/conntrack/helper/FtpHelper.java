package io.nflab.conntrack.helper;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackStatus;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.CtDirection;
import io.nflab.conntrack.CtState;
import io.nflab.conntrack.Expectation;
import io.nflab.conntrack.ExpectationTable.AddResult;
import io.nflab.conntrack.HelperData;
import io.nflab.nat.Nat;
import io.nflab.nat.PayloadMangler;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpSegment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The FTP helper, nf_conntrack_ftp.c with nf_nat_ftp.c: in the control connection's payload it finds
 * {@code PORT} and {@code EPRT} (client) and the {@code 227}/{@code 229} replies to {@code PASV}/{@code
 * EPSV} (server), and expects the data connection they announce — from the other end, any source port, to
 * the announced port — so that its first packet is RELATED. When the control connection is NATed, the
 * announcement is rewritten to the address and port the other end must use (the expectation then binds
 * the data connection like its master, {@link Nat#followMaster()}), and a length change moves later
 * sequence numbers.
 *
 * <p>As in the kernel: only segments that start a line are searched (the first segment of each direction
 * never is, it has no line before it); an announcement of an address other than the sender's own is
 * ignored ({@code loose=0}); a segment ending inside a command is dropped; a master has at most one
 * expectation (a new one replaces it), which lives 300 seconds.
 */
public final class FtpHelper implements ConntrackHelper {
    /** The FTP control port. */
    public static final int FTP_PORT = 21;
    /** {@code ftp_exp_policy.timeout}. */
    public static final int EXPECT_TIMEOUT_SECONDS = 300;
    /** {@code ftp_exp_policy.max_expected}. */
    public static final int MAX_EXPECTED = 1;
    private static final int NAT_MASK = ConntrackStatus.SRC_NAT | ConntrackStatus.DST_NAT;
    /** {@code nf_nat_exp_find_port}'s attempt limit. */
    private static final int PORT_ATTEMPTS = 128;

    private final ConntrackTable table;
    private final Nat nat;

    public FtpHelper(ConntrackTable table, Nat nat) {
        this.table = table;
        this.nat = nat;
    }

    @Override
    public String name() {
        return "ftp";
    }

    @Override
    public int protocol() {
        return 6;
    }

    @Override
    public int port() {
        return FTP_PORT;
    }

    @Override
    public HelperVerdict help(Ipv4Packet packet, ConntrackResult conntrack, long now) {
        if (conntrack.state() != CtState.ESTABLISHED || !(packet.transport() instanceof TcpSegment tcp)) {
            return HelperVerdict.pass(packet);
        }
        byte[] data = tcp.payload().bytes().toArray();
        if (data.length == 0) {
            return HelperVerdict.pass(packet);
        }
        ConntrackEntry ct = conntrack.entry();
        CtDirection dir = conntrack.direction();
        FtpState state = state(ct);
        boolean endsInNewline = data[data.length - 1] == '\n';
        long nextLine = (tcp.sequence() + data.length) & 0xffff_ffffL;
        HelperVerdict verdict = HelperVerdict.pass(packet);
        if (state.startsLine(dir, tcp.sequence())) {
            ConntrackTuple own = ct.tuple(dir);
            FtpParser.Result result = FtpParser.parse(data, dir, own.src());
            if (result instanceof FtpParser.Partial partial) {
                return HelperVerdict.drop(packet, name(), "partial matching of `" + partial.pattern() + "'");
            }
            if (result instanceof FtpParser.Match match) {
                verdict = expect(packet, ct, dir, match.command(), now);
            }
        }
        if (endsInNewline) {
            state.lineEndsAt(dir, nextLine);
        }
        return verdict;
    }

    private HelperVerdict expect(Ipv4Packet packet, ConntrackEntry ct, CtDirection dir, FtpCommand command, long now) {
        ConntrackTuple own = ct.tuple(dir);
        ConntrackTuple other = ct.tuple(dir.opposite());
        if (!command.address().equals(own.src())) {
            return HelperVerdict.pass(packet); // another host announced: not recorded (loose=0)
        }
        ConntrackTuple expected = ConntrackTuple.tcp(other.src(), other.dst(), 0, command.port());
        Expectation expectation = Expectation.of(ct, expected, true, 0, EXPECT_TIMEOUT_SECONDS, now);
        if ((ct.status() & NAT_MASK) != 0) {
            return natFtp(packet, ct, dir, command, expectation, now);
        }
        if (table.expectations().add(expectation, MAX_EXPECTED, now) != AddResult.ADDED) {
            return HelperVerdict.drop(packet, name(), "cannot add expectation");
        }
        return HelperVerdict.pass(packet);
    }

    /** {@code nf_nat_ftp}: expect the connection where NAT sends it, and rewrite the announcement. */
    private HelperVerdict natFtp(Ipv4Packet packet, ConntrackEntry ct, CtDirection dir, FtpCommand command,
            Expectation expectation, long now) {
        Ipv4Address newAddress = ct.tuple(dir.opposite()).dst();
        Expectation mapped = expectation.withNat(dir.opposite(), command.port(), nat.followMaster());
        Optional<Expectation> added = findPort(mapped, command.port(), now);
        if (added.isEmpty()) {
            return HelperVerdict.drop(packet, name(), "all ports in use");
        }
        int port = added.get().tuple().destinationPort();
        byte[] text = FtpCommand.format(command.type(), newAddress, port).getBytes(StandardCharsets.US_ASCII);
        Optional<Ipv4Packet> mangled = PayloadMangler.mangleTcp(packet, ct, dir, command.offset(),
                command.length(), text);
        if (mangled.isEmpty()) {
            table.expectations().remove(added.get());
            return HelperVerdict.drop(packet, name(), "cannot mangle packet");
        }
        return HelperVerdict.pass(mangled.get());
    }

    /**
     * {@code nf_nat_exp_find_port}: the announced port if no other expectation holds it, else the next
     * ports upwards (the kernel tries random ones after the first; nflab walks, docs/nat.md).
     */
    private Optional<Expectation> findPort(Expectation expectation, int port, long now) {
        int range = 65535 - port;
        int attempts = Math.min(range, PORT_ATTEMPTS);
        int candidate = port;
        for (int i = 0; ; i++) {
            Expectation attempt = expectation.withDestinationPort(candidate);
            AddResult result = table.expectations().add(attempt, MAX_EXPECTED, now);
            if (result == AddResult.ADDED) {
                return Optional.of(attempt);
            }
            if (result != AddResult.BUSY || i >= attempts) {
                return Optional.empty();
            }
            candidate = port + 1 + i % Math.max(1, range);
        }
    }

    private static FtpState state(ConntrackEntry ct) {
        Optional<HelperData> data = ct.extensions().helperData();
        if (data.isPresent() && data.get() instanceof FtpState ftp) {
            return ftp;
        }
        FtpState fresh = new FtpState();
        ct.extensions().setHelperData(fresh);
        return fresh;
    }
}
