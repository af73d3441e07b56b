package io.nflab.nat;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.conntrack.ConntrackCli;
import io.nflab.conntrack.ConntrackPacket;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.helper.HelperVerdict;
import io.nflab.conntrack.helper.Helpers;
import io.nflab.netfilter.Hook;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.QuotedDatagram;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.UdpDatagram;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway's packet path reduced to what NAT tests need, in the kernel's order: conntrack, the DST hook
 * (PREROUTING or OUTPUT), the SRC hook (POSTROUTING or INPUT), the helpers and sequence adjustment, the
 * confirmation. Routing is the caller's: it says which interfaces a packet uses. The nat table of each
 * hook is a {@link NatRules} lambda.
 */
final class TestGateway implements NatInterfaces {
    /** What happened to one packet. */
    record Passage(Ipv4Packet packet, ConntrackResult conntrack, boolean dropped, String reason) {
    }

    final ConntrackTable table = new ConntrackTable();
    final Nat nat = new Nat(table, this);
    final Helpers helpers = new Helpers(table, nat);
    final Map<String, List<InterfaceAddress>> addresses = new LinkedHashMap<>();
    final Map<Hook, NatRules> rules = new EnumMap<>(Hook.class);
    final List<Ipv4Packet> natTableSaw = new ArrayList<>();
    /** {@code -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp} (and the same in OUTPUT). */
    boolean ftpHelperRule;
    long now;

    TestGateway address(String iface, String address) {
        addresses.computeIfAbsent(iface, k -> new ArrayList<>()).add(InterfaceAddress.parse(address));
        return this;
    }

    TestGateway rule(Hook hook, NatRules natRules) {
        rules.put(hook, natRules);
        return this;
    }

    /** A packet arriving on {@code in} and forwarded out of {@code out} to {@code nextHop}. */
    Passage forward(String packet, String in, String out, String nextHop) {
        return forward(PacketText.parse(packet), in, out, nextHop);
    }

    Passage forward(Ipv4Packet packet, String in, String out, String nextHop) {
        return pass(packet, Hook.PREROUTING, NatHookContext.incoming(in), Hook.POSTROUTING,
                NatHookContext.outgoing(out, Ipv4Address.parse(nextHop)));
    }

    /** A packet arriving on {@code in} for the gateway itself. */
    Passage input(String packet, String in) {
        return pass(PacketText.parse(packet), Hook.PREROUTING, NatHookContext.incoming(in), Hook.INPUT,
                NatHookContext.incoming(in));
    }

    /** A packet the gateway sends out of {@code out} to {@code nextHop}. */
    Passage output(String packet, String out, String nextHop) {
        return pass(PacketText.parse(packet), Hook.OUTPUT, NatHookContext.local(), Hook.POSTROUTING,
                NatHookContext.outgoing(out, Ipv4Address.parse(nextHop)));
    }

    private Passage pass(Ipv4Packet packet, Hook dstHook, NatHookContext dstContext, Hook srcHook,
            NatHookContext srcContext) {
        ConntrackResult ct = table.track(conntrackPacket(packet), now);
        if (ct.dropped()) {
            return new Passage(packet, ct, true, ct.reason());
        }
        if (ftpHelperRule && ct.tracked() && !ct.entry().isConfirmed() && ct.entry().master().isEmpty()
                && packet.transport() instanceof TcpSegment tcp && tcp.destinationPort() == 21) {
            helpers.assign(ct.entry(), "ftp");
        }
        NatOutcome dst = nat.process(dstHook, packet, ct, dstContext, rules(dstHook), now);
        if (dst.dropped()) {
            return new Passage(packet, ct, true, dst.reason());
        }
        NatOutcome src = nat.process(srcHook, dst.packet(), ct, srcContext, rules(srcHook), now);
        if (src.dropped()) {
            return new Passage(dst.packet(), ct, true, src.reason());
        }
        HelperVerdict helped = helpers.beforeConfirm(src.packet(), ct, now);
        if (helped.dropped()) {
            return new Passage(src.packet(), ct, true, helped.reason());
        }
        if (!table.confirm(ct, now)) {
            return new Passage(helped.packet(), ct, true, "clash on confirmation");
        }
        return new Passage(helped.packet(), ct, false, null);
    }

    private NatRules rules(Hook hook) {
        NatRules natRules = rules.getOrDefault(hook, p -> NatVerdict.ACCEPT);
        return p -> {
            natTableSaw.add(p);
            return natRules.evaluate(p);
        };
    }

    String conntrack(String... args) {
        List<String> argv = new ArrayList<>(List.of("conntrack"));
        argv.addAll(List.of(args.length == 0 ? new String[] {"-L"} : args));
        return ConntrackCli.execute(table, now, argv).stdout();
    }

    void advanceSeconds(long seconds) {
        now += seconds * 1_000_000_000L;
    }

    @Override
    public Optional<Ipv4Address> masqueradeAddress(String interfaceName, Ipv4Address nextHop) {
        List<InterfaceAddress> own = addresses.getOrDefault(interfaceName, List.of());
        for (InterfaceAddress a : own) {
            if (Ipv4Prefix.of(a.address(), a.prefixLength()).contains(nextHop)) {
                return Optional.of(a.address());
            }
        }
        return own.stream().findFirst().map(InterfaceAddress::address);
    }

    @Override
    public Optional<Ipv4Address> primaryAddress(String interfaceName) {
        return addresses.getOrDefault(interfaceName, List.of()).stream().findFirst().map(InterfaceAddress::address);
    }

    /** The conntrack view of a packet (what the net stack's adapter does). */
    static ConntrackPacket conntrackPacket(Ipv4Packet p) {
        int src = p.source().bits();
        int dst = p.destination().bits();
        int length = p.totalLength();
        if (p.transport() instanceof TcpSegment tcp) {
            return ConntrackPacket.tcp(src, dst, tcp.sourcePort(), tcp.destinationPort(), tcp.flags().bits(),
                    tcp.payload().length(), length);
        }
        if (p.transport() instanceof UdpDatagram udp) {
            return ConntrackPacket.udp(src, dst, udp.sourcePort(), udp.destinationPort(), length);
        }
        if (p.transport() instanceof IcmpQuery query) {
            return ConntrackPacket.icmp(src, dst, query.type().number(), query.code(), query.identifier(), length);
        }
        if (p.transport() instanceof IcmpError error) {
            return ConntrackPacket.icmpError(src, dst, error.type().number(), error.code(), quotedTuple(error.quote()),
                    length);
        }
        if (p.transport() instanceof IcmpMessage other) {
            return ConntrackPacket.icmp(src, dst, other.type().number(), 0, 0, length);
        }
        return ConntrackPacket.addressesOnly(p.protocol().number(), src, dst, length);
    }

    static ConntrackTuple quotedTuple(QuotedDatagram quote) {
        int protocol = quote.header().protocol().number();
        int src = quote.header().source().bits();
        int dst = quote.header().destination().bits();
        if (quote.hasPorts()) {
            return ConntrackTuple.of(protocol, src, dst, quote.sourcePort(), quote.destinationPort());
        }
        if (protocol == 1 && quote.data().length() >= 8) {
            return ConntrackTuple.of(protocol, src, dst, quote.data().getUnsignedShort(4),
                    quote.data().get(0) << 8 | quote.data().get(1));
        }
        return ConntrackTuple.of(protocol, src, dst, 0, 0);
    }
}
