package io.nflab.replay;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.IcmpType;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PortTransport;
import io.nflab.packet.TcpFlags;
import io.nflab.packet.TcpSegment;
import io.nflab.scenario.HeaderExpectation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The header fields of a packet that a {@code delivered} expectation and the replay report talk about:
 * addresses, protocol, ports (TCP, UDP), TTL, TOS, TCP flags and ICMP type/code. Fields the packet does
 * not have (ports of an ICMP message, flags of a UDP datagram) are empty.
 */
public record ArrivedHeaders(Ipv4Address src, Ipv4Address dst, IpProtocol proto, OptionalInt sport,
                             OptionalInt dport, int ttl, int tos, Optional<TcpFlags> flags,
                             Optional<IcmpType> icmpType, OptionalInt icmpCode) {

    public ArrivedHeaders {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(sport, "sport");
        Objects.requireNonNull(dport, "dport");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(icmpType, "icmpType");
        Objects.requireNonNull(icmpCode, "icmpCode");
    }

    /** The fields of {@code packet}. */
    public static ArrivedHeaders of(Ipv4Packet packet) {
        OptionalInt sport = OptionalInt.empty();
        OptionalInt dport = OptionalInt.empty();
        Optional<TcpFlags> flags = Optional.empty();
        Optional<IcmpType> icmpType = Optional.empty();
        OptionalInt icmpCode = OptionalInt.empty();
        if (packet.transport() instanceof PortTransport ports) {
            sport = OptionalInt.of(ports.sourcePort());
            dport = OptionalInt.of(ports.destinationPort());
        }
        if (packet.transport() instanceof TcpSegment tcp) {
            flags = Optional.of(tcp.flags());
        }
        if (packet.transport() instanceof IcmpMessage icmp) {
            icmpType = Optional.of(icmp.type());
            icmpCode = OptionalInt.of(icmp.code());
        }
        return new ArrivedHeaders(packet.source(), packet.destination(), packet.protocol(), sport, dport,
                packet.ttl(), packet.tos(), flags, icmpType, icmpCode);
    }

    /**
     * How these headers differ from what {@code expected} asks, one phrase per field in the order of
     * docs/scenario.md ({@code dport 22, expected 8080}); empty when every given field matches.
     */
    public List<String> mismatches(HeaderExpectation expected) {
        List<String> out = new ArrayList<>();
        compare(out, "src", expected.src(), Optional.of(src));
        compare(out, "dst", expected.dst(), Optional.of(dst));
        compare(out, "sport", boxed(expected.sport()), boxed(sport));
        compare(out, "dport", boxed(expected.dport()), boxed(dport));
        compare(out, "proto", expected.protocol(), Optional.of(proto));
        compare(out, "ttl", boxed(expected.ttl()), Optional.of(ttl));
        if (expected.tos().isPresent() && expected.tos().getAsInt() != tos) {
            out.add("tos " + hex(tos) + ", expected " + hex(expected.tos().getAsInt()));
        }
        compare(out, "flags", expected.flags(), flags);
        compare(out, "icmp-type", expected.icmpType(), icmpType);
        compare(out, "icmp-code", boxed(expected.icmpCode()), boxed(icmpCode));
        return out;
    }

    private <T> void compare(List<String> out, String field, Optional<T> expected, Optional<T> actual) {
        if (expected.isEmpty() || expected.equals(actual)) {
            return;
        }
        out.add(actual.isPresent()
                ? field + " " + actual.get() + ", expected " + expected.get()
                : "no " + field + " (a " + proto + " packet), expected " + expected.get());
    }

    private static Optional<Integer> boxed(OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }

    private static String hex(int value) {
        return String.format("0x%02x", value);
    }
}
