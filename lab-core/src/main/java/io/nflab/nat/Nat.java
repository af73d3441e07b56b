package io.nflab.nat;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.CtDirection;
import io.nflab.conntrack.CtState;
import io.nflab.conntrack.ExpectFn;
import io.nflab.conntrack.Expectation;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatTarget;
import io.nflab.netfilter.target.RedirectTarget;
import io.nflab.netfilter.target.Target;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One network namespace's NAT (the kernel's nf_nat_core.c, nf_nat_proto.c, nf_nat_masquerade.c,
 * nf_nat_redirect.c): bindings made on a connection's first packet and applied to every packet of it in
 * both directions, including the datagram quoted in ICMP errors. Pure and deterministic; time is the lab
 * clock passed in. Not thread-safe: it belongs to one net stack, with its {@link ConntrackTable}.
 *
 * <p>The net stack calls {@link #process} at each NAT hook (PREROUTING and OUTPUT at priority -100,
 * POSTROUTING and INPUT at +100), after conntrack and before the connection is confirmed. The lower-level
 * calls ({@link #setup}, {@link #nullBinding}, {@link #translate}) are what {@code process} is made of.
 */
public final class Nat {
    private final ConntrackTable table;
    private final NatInterfaces interfaces;
    private final SourceIndex sources = new SourceIndex();
    private final TupleChooser chooser;

    public Nat(ConntrackTable table, NatInterfaces interfaces) {
        this.table = Objects.requireNonNull(table, "table");
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
        this.chooser = new TupleChooser(table, sources);
    }

    public ConntrackTable table() {
        return table;
    }

    /**
     * One NAT hook for one packet, the kernel's {@code nf_nat_ipv4_fn}: an ICMP error RELATED to a
     * connection has its outer and quoted headers translated; the first packet of a connection (NEW or
     * RELATED) whose binding for this hook's manipulation is not made yet goes through {@code rules} and
     * gets the binding the verdict asks for, or the null binding; a masqueraded connection whose packets
     * now leave by another interface is killed and the packet dropped; then the packet is rewritten
     * according to the binding.
     *
     * @param hook PREROUTING, INPUT, OUTPUT or POSTROUTING
     * @param packet the packet as it reaches the hook
     * @param conntrack what conntrack made of it (untracked and invalid packets pass unchanged)
     * @param context the packet's interfaces and next hop (MASQUERADE and REDIRECT need them)
     * @param rules the nat table at this hook
     * @param now lab time, nanoseconds
     */
    public NatOutcome process(Hook hook, Ipv4Packet packet, ConntrackResult conntrack, NatHookContext context,
            NatRules rules, long now) {
        if (!conntrack.tracked()) {
            return NatOutcome.pass(packet);
        }
        ManipType manip = ManipType.of(hook);
        ConntrackEntry ct = conntrack.entry();
        CtDirection dir = conntrack.direction();
        if (conntrack.state() == CtState.RELATED && packet.transport() instanceof IcmpError) {
            return translateIcmpError(packet, ct, dir, manip)
                    .map(NatOutcome::pass)
                    .orElseGet(() -> NatOutcome.drop(packet, "ICMP redirect about a NATed connection"));
        }
        boolean first = conntrack.state() == CtState.NEW || conntrack.state() == CtState.RELATED;
        if (first && !isInitialized(ct, manip)) {
            NatVerdict verdict = rules.evaluate(packet);
            switch (verdict.kind()) {
                case DROP -> {
                    return NatOutcome.drop(packet, "dropped in the nat table");
                }
                case BIND -> {
                    Optional<String> refused = bind(verdict.target(), hook, ct, context, now);
                    if (refused.isPresent()) {
                        return NatOutcome.drop(packet, refused.get());
                    }
                }
                case ACCEPT -> {
                    // no rule asked for a binding
                }
            }
            if (!isInitialized(ct, manip)) {
                nullBinding(ct, manip, now);
            }
        } else if (outputInterfaceChanged(hook, ct, dir, context)) {
            table.delete(ct);
            return NatOutcome.drop(packet, "masqueraded connection left by another interface");
        }
        return NatOutcome.pass(translate(packet, ct, dir, manip));
    }

    /**
     * Makes the binding a NAT target asks for (the targets' kernel functions): SNAT/DNAT with their
     * range, MASQUERADE to the output interface's address, REDIRECT to the input interface's primary
     * address or 127.0.0.1 from OUTPUT. Answers why the packet must be dropped, if it must.
     */
    public Optional<String> bind(Target target, Hook hook, ConntrackEntry ct, NatHookContext context, long now) {
        ManipType manip = ManipType.of(hook);
        if (target instanceof NatTarget nat) {
            ManipType wanted = nat.kind() == NatTarget.Kind.SNAT ? ManipType.SRC : ManipType.DST;
            if (wanted != manip) {
                throw new IllegalArgumentException(nat.kind() + " cannot bind at " + hook);
            }
            setup(ct, NatRequest.of(nat), manip, now);
        } else if (target instanceof MasqueradeTarget masquerade) {
            if (hook != Hook.POSTROUTING) {
                throw new IllegalArgumentException("MASQUERADE binds at POSTROUTING, not " + hook);
            }
            if (ct.original().srcBits() == 0) {
                return Optional.empty(); // locally generated without a source yet: not masqueraded
            }
            String out = Objects.requireNonNull(context.outInterface(), "output interface");
            Optional<Ipv4Address> address = interfaces.masqueradeAddress(out, context.nextHop());
            if (address.isEmpty()) {
                return Optional.of(out + " ate my IP address");
            }
            ct.extensions().setMasqueradeInterface(out);
            setup(ct, NatRequest.masquerade(masquerade, address.get()), ManipType.SRC, now);
        } else if (target instanceof RedirectTarget redirect) {
            Ipv4Address address;
            if (hook == Hook.OUTPUT) {
                address = Ipv4Address.LOOPBACK;
            } else if (hook == Hook.PREROUTING) {
                Optional<Ipv4Address> primary = interfaces.primaryAddress(
                        Objects.requireNonNull(context.inInterface(), "input interface"));
                if (primary.isEmpty()) {
                    return Optional.of("REDIRECT: " + context.inInterface() + " has no address");
                }
                address = primary.get();
            } else {
                throw new IllegalArgumentException("REDIRECT binds at PREROUTING or OUTPUT, not " + hook);
            }
            setup(ct, NatRequest.redirect(redirect, address), ManipType.DST, now);
        } else {
            throw new IllegalArgumentException("not a NAT target: " + target);
        }
        return Optional.empty();
    }

    /**
     * The kernel's {@code nf_nat_setup_info}: chooses the connection's new tuple for this manipulation
     * within {@code range}, binds the reply tuple to it, and sets the NAT and NAT_DONE status bits. Does
     * nothing for a confirmed connection.
     *
     * @throws IllegalStateException when this manipulation is already bound
     */
    public void setup(ConntrackEntry ct, NatRequest range, ManipType manip, long now) {
        if (ct.isConfirmed()) {
            return;
        }
        if (isInitialized(ct, manip)) {
            throw new IllegalStateException(manip + " NAT of " + ct + " is already bound");
        }
        ConntrackTuple current = Tuples.invert(ct.reply());
        ConntrackTuple chosen = chooser.choose(current, range, ct, manip, now);
        if (!chosen.equals(current)) {
            table.alterReply(ct, Tuples.invert(chosen));
            ct.addStatus(manip.natBit());
            if (ct.helper().isPresent()) {
                ct.extensions().seqAdjustment();
            }
        }
        if (manip == ManipType.SRC) {
            sources.add(ct, now);
        }
        ct.addStatus(manip.doneBit());
    }

    /**
     * The binding a connection gets where no NAT rule made one (the kernel's
     * {@code nf_nat_alloc_null_binding}): its own address; a source port is still changed when another
     * connection already has the tuple (e.g. the gateway's own connection using a port a masqueraded one
     * took), so that later packets need not traverse the nat table.
     */
    public void nullBinding(ConntrackEntry ct, ManipType manip, long now) {
        Ipv4Address address = manip == ManipType.SRC ? ct.reply().dst() : ct.reply().src();
        setup(ct, NatRequest.toAddress(address), manip, now);
    }

    /** Whether the connection's binding for {@code manip} is made ({@code nf_nat_initialized}). */
    public static boolean isInitialized(ConntrackEntry ct, ManipType manip) {
        return ct.hasStatus(manip.doneBit());
    }

    /**
     * The kernel's {@code nf_nat_packet}: the packet rewritten by the connection's binding, if the binding
     * changes this end in this direction (for replies the opposite manipulation undoes the original one).
     */
    public static Ipv4Packet translate(Ipv4Packet packet, ConntrackEntry ct, CtDirection dir, ManipType manip) {
        int statusBit = manip.natBit();
        if (dir == CtDirection.REPLY) {
            statusBit ^= ManipType.NAT_MASK;
        }
        if ((ct.status() & statusBit) == 0) {
            return packet;
        }
        return PacketRewriter.manip(packet, ct.inverse(dir.opposite()), manip);
    }

    /**
     * The kernel's {@code nf_nat_icmp_reply_translation}: an ICMP error travelling in direction {@code dir}
     * of the connection it quotes gets the quoted datagram made to look as it was (the opposite
     * manipulation, from the other direction's tuple) and its outer header translated. Empty when the
     * packet must be dropped (a redirect about a NATed connection).
     */
    public static Optional<Ipv4Packet> translateIcmpError(Ipv4Packet packet, ConntrackEntry ct, CtDirection dir,
            ManipType manip) {
        IcmpError error = (IcmpError) packet.transport();
        int doneMask = ManipType.SRC.doneBit() | ManipType.DST.doneBit();
        if (error.type().equals(IcmpType.REDIRECT)
                && ((ct.status() & doneMask) != doneMask || (ct.status() & ManipType.NAT_MASK) != 0)) {
            return Optional.empty();
        }
        int statusBit = manip.natBit();
        if (dir == CtDirection.REPLY) {
            statusBit ^= ManipType.NAT_MASK;
        }
        if ((ct.status() & statusBit) == 0) {
            return Optional.of(packet);
        }
        ConntrackTuple other = ct.tuple(dir.opposite());
        IcmpError inner = PacketRewriter.manipQuote(error, other, manip.opposite());
        ConntrackTuple outer = Tuples.invert(other);
        Ipv4Packet rewritten = packet.withTransport(inner);
        return Optional.of(PacketRewriter.manipAddress(rewritten,
                manip == ManipType.SRC ? outer.src() : outer.dst(), manip));
    }

    /**
     * The function an expectation runs when NAT is involved ({@code nf_nat_follow_master}): the expected
     * connection's source is bound to where the master's packets go, its destination to the master's
     * other end at the port the helper announced before NAT changed it.
     */
    public ExpectFn followMaster() {
        return this::followMaster;
    }

    private void followMaster(ConntrackEntry ct, Expectation expectation, long now) {
        ConntrackTuple other = expectation.master().tuple(expectation.natDirection().opposite());
        setup(ct, NatRequest.toAddress(other.dst()), ManipType.SRC, now);
        setup(ct, NatRequest.toAddressAndPort(other.src(), expectation.savedPort()), ManipType.DST, now);
    }

    /**
     * An interface went down (the kernel's masquerade netdevice notifier): every connection masqueraded
     * through it is deleted. Answers how many.
     */
    public int interfaceDown(String interfaceName, long now) {
        return deleteMasqueraded(interfaceName, null, now);
    }

    /**
     * An address was removed from an interface (the masquerade inetaddr notifier; changing an address is
     * removing the old one): the connections masqueraded through the interface to that address are
     * deleted. Answers how many.
     */
    public int addressRemoved(String interfaceName, Ipv4Address address, long now) {
        return deleteMasqueraded(interfaceName, Objects.requireNonNull(address, "address"), now);
    }

    private int deleteMasqueraded(String interfaceName, Ipv4Address address, long now) {
        List<ConntrackEntry> doomed = new ArrayList<>();
        for (ConntrackEntry ct : table.entries(now)) {
            if (ct.hasExtensions()
                    && ct.extensions().masqueradeInterface().filter(interfaceName::equals).isPresent()
                    && (address == null || ct.reply().dst().equals(address))) {
                doomed.add(ct);
            }
        }
        doomed.forEach(table::delete);
        return doomed.size();
    }

    /** {@code nf_nat_oif_changed}: an original-direction packet of a masqueraded connection at POSTROUTING. */
    private static boolean outputInterfaceChanged(Hook hook, ConntrackEntry ct, CtDirection dir,
            NatHookContext context) {
        if (hook != Hook.POSTROUTING || dir != CtDirection.ORIGINAL || !ct.hasExtensions()
                || context.outInterface() == null) {
            return false;
        }
        return ct.extensions().masqueradeInterface().filter(i -> !i.equals(context.outInterface())).isPresent();
    }
}
