package io.nflab.packet;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.PacketTextCursor.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the packet text form (docs/packet-text.md) into a {@link PacketDraft}. */
final class PacketTextParser {
    private static final String PROTOCOL = "a protocol: tcp, udp, icmp, proto N, or a protocol name such as gre";
    private static final List<String> IP_FIELDS = List.of("ttl", "tos", "ipid", "df", "mf", "frag", "ipopts");
    private static final List<String> PAYLOAD_FIELDS = List.of("len", "data");
    private static final List<String> REST_FIELDS = List.of("mtu", "gateway", "pointer", "rest");

    private final PacketTextCursor cursor;

    private PacketTextParser(String text) {
        cursor = PacketTextCursor.of(text);
    }

    static Ipv4Packet parse(String text) {
        PacketTextParser parser = new PacketTextParser(text);
        return parser.packet(false).toPacket();
    }

    private PacketDraft packet(boolean inQuote) {
        PacketDraft draft = new PacketDraft();
        protocol(draft);
        draft.source = endpoint(draft, "source");
        cursor.expect(">");
        draft.destination = endpoint(draft, "destination");
        if (draft.kind == PacketDraft.Kind.ICMP) {
            icmpKind(draft);
        }
        Set<String> allowed = allowedFields(draft, inQuote);
        Map<String, String> given = new HashMap<>();
        while (!cursor.atEnd() && !(inQuote && cursor.peek().text().equals("]"))) {
            Word word = cursor.next("");
            if (!allowed.contains(word.text())) {
                String earlier = given.get(word.text());
                if (earlier != null) {
                    throw PacketSyntaxException.invalid(word.text(), word.column(), earlier.equals(word.text())
                            ? "field given twice" : "\"" + earlier + "\" and \"" + word.text() + "\" exclude each other");
                }
                throw PacketSyntaxException.unexpected(word.text(), word.column(), "one of: " + String.join(", ", allowed));
            }
            field(draft, word);
            for (List<String> group : List.of(PAYLOAD_FIELDS, REST_FIELDS, List.of(word.text()))) {
                if (group.contains(word.text())) {
                    allowed.removeAll(group);
                    group.forEach(member -> given.put(member, word.text()));
                }
            }
        }
        if (allowed.contains("[")) {
            Word next = cursor.peek();
            throw PacketSyntaxException.unexpected(next == null ? "" : next.text(),
                    next == null ? cursor.endColumn() : next.column(), "the quoted datagram of the ICMP error: [ … ]");
        }
        return draft;
    }

    private void protocol(PacketDraft draft) {
        Word word = cursor.next(PROTOCOL);
        draft.protocolWord = word;
        switch (word.text()) {
            case "tcp" -> draft.kind = PacketDraft.Kind.TCP;
            case "udp" -> draft.kind = PacketDraft.Kind.UDP;
            case "icmp" -> draft.kind = PacketDraft.Kind.ICMP;
            case "proto" -> {
                Word number = cursor.next("a protocol number 0-255 or name");
                draft.kind = PacketDraft.Kind.RAW;
                draft.protocol = IpProtocol.tryParse(number.text()).orElseThrow(() -> PacketSyntaxException
                        .unexpected(number.text(), number.column(), "a protocol number 0-255 or name"));
                draft.protocolWord = number;
            }
            default -> {
                Optional<IpProtocol> named = word.text().chars().allMatch(c -> c >= '0' && c <= '9')
                        ? Optional.empty() : IpProtocol.tryParse(word.text());
                draft.kind = PacketDraft.Kind.RAW;
                draft.protocol = named.orElseThrow(() -> PacketSyntaxException.unexpected(word.text(), word.column(),
                        PROTOCOL));
            }
        }
    }

    private Ipv4Address endpoint(PacketDraft draft, String which) {
        boolean ports = draft.kind == PacketDraft.Kind.TCP || draft.kind == PacketDraft.Kind.UDP;
        String expected = ports ? "the " + which + " ADDRESS:PORT" : "the " + which + " address";
        Word word = cursor.next(expected);
        String text = word.text();
        int colon = text.lastIndexOf(':');
        if (ports != (colon >= 0) || (ports && colon == text.length() - 1)) {
            throw PacketSyntaxException.unexpected(text, word.column(),
                    expected + (ports ? "" : " (only tcp and udp have ports)"));
        }
        String address = ports ? text.substring(0, colon) : text;
        Ipv4Address parsed = Ipv4Address.tryParse(address).orElseThrow(() -> PacketSyntaxException.unexpected(
                address, word.column(), "an IPv4 address a.b.c.d"));
        if (ports) {
            int port = (int) PacketTextValues.number(text.substring(colon + 1), word.column() + colon + 1,
                    "a " + which + " port", 0xffff);
            if (which.equals("source")) {
                draft.sourcePort = port;
            } else {
                draft.destinationPort = port;
            }
        }
        return parsed;
    }

    /** A name from iptables' table ({@code echo-request}, {@code port-unreachable}) or {@code TYPE[/CODE]}. */
    private void icmpKind(PacketDraft draft) {
        String expected = "an ICMP type: a name such as echo-request or port-unreachable, or TYPE[/CODE]";
        Word word = cursor.next(expected);
        String text = word.text();
        Optional<IcmpName> name = IcmpNames.lookup(text).filter(entry -> entry.type() != 0xff);
        if (name.isPresent()) {
            draft.icmpType = IcmpType.of(name.get().type());
            draft.icmpCode = name.get().codeMin();
        } else if (!text.isEmpty() && text.charAt(0) >= '0' && text.charAt(0) <= '9') {
            int slash = text.indexOf('/');
            if (slash == text.length() - 1) {
                throw PacketSyntaxException.unexpected(text, word.column(), expected);
            }
            String type = slash < 0 ? text : text.substring(0, slash);
            draft.icmpType = IcmpType.of((int) PacketTextValues.number(type, word.column(), "an ICMP type", 0xff));
            if (slash >= 0) {
                draft.icmpCode = (int) PacketTextValues.number(text.substring(slash + 1), word.column() + slash + 1,
                        "an ICMP code", 0xff);
            }
        } else {
            throw PacketSyntaxException.unexpected(text, word.column(), expected);
        }
    }

    /** The field words this packet may have, in their canonical order. */
    private static Set<String> allowedFields(PacketDraft draft, boolean inQuote) {
        Set<String> fields = new LinkedHashSet<>();
        switch (draft.kind) {
            case TCP -> fields.addAll(List.of("flags", "seq", "ack", "win", "urg", "opts"));
            case ICMP -> {
                if (draft.icmpType.isQuery()) {
                    fields.addAll(List.of("id", "seq"));
                } else if (draft.icmpType.isError()) {
                    fields.addAll(restFields(draft.icmpType, draft.icmpCode));
                } else {
                    fields.add("rest");
                }
            }
            default -> { }
        }
        fields.addAll(IP_FIELDS);
        if (inQuote) {
            fields.add("totlen");
        }
        if (draft.kind == PacketDraft.Kind.ICMP && draft.icmpType.isError()) {
            fields.add("[");
        } else {
            fields.addAll(PAYLOAD_FIELDS);
        }
        return fields;
    }

    /** The words for the rest-of-header word of an ICMP error: mtu, gateway or pointer where they apply, else rest. */
    static List<String> restFields(IcmpType type, int code) {
        if (type.equals(IcmpType.DESTINATION_UNREACHABLE) && code == IcmpCode.FRAGMENTATION_NEEDED) {
            return List.of("mtu", "rest");
        }
        if (type.equals(IcmpType.REDIRECT)) {
            return List.of("gateway");
        }
        if (type.equals(IcmpType.PARAMETER_PROBLEM)) {
            return List.of("pointer", "rest");
        }
        return List.of("rest");
    }

    private void field(PacketDraft draft, Word keyword) {
        String key = keyword.text();
        if (key.equals("df")) {
            draft.dontFragment = true;
            return;
        }
        if (key.equals("mf")) {
            draft.moreFragments = true;
            draft.fragmentWord = keyword;
            return;
        }
        if (key.equals("[")) {
            draft.quote = packet(true).toQuote();
            cursor.expect("]");
            return;
        }
        Word value = cursor.next(valueDescription(key));
        switch (key) {
            case "ttl" -> draft.ttl = PacketTextValues.intNumber(value, "a TTL", 255);
            case "tos" -> draft.tos = PacketTextValues.intNumber(value, "a TOS byte", 255);
            case "ipid" -> draft.identification = PacketTextValues.intNumber(value, "an IP identification", 0xffff);
            case "frag" -> {
                draft.fragmentOffset = PacketTextValues.intNumber(value, "a fragment offset in 8-byte units", 0x1fff);
                draft.fragmentWord = keyword;
            }
            case "ipopts" -> draft.ipOptions = ipOptions(value);
            case "totlen" -> {
                draft.totalLength = PacketTextValues.intNumber(value, "a total length", Ipv4Header.MAX_TOTAL_LENGTH);
                draft.totalLengthWord = value;
            }
            case "len" -> {
                draft.payload = Payload.ofLength(PacketTextValues.intNumber(value, "a payload length", Payload.MAX_LENGTH));
                draft.payloadWord = value;
            }
            case "data" -> {
                draft.payload = data(value);
                draft.payloadWord = value;
            }
            case "flags" -> draft.flags = tcpFlags(value);
            case "seq" -> {
                if (draft.kind == PacketDraft.Kind.TCP) {
                    draft.sequence = PacketTextValues.number(value.text(), value.column(), "a sequence number", 0xffff_ffffL);
                } else {
                    draft.icmpSequence = PacketTextValues.intNumber(value, "a sequence number", 0xffff);
                }
            }
            case "ack" -> draft.acknowledgment = PacketTextValues.number(value.text(), value.column(),
                    "an acknowledgment number", 0xffff_ffffL);
            case "win" -> draft.window = PacketTextValues.intNumber(value, "a window", 0xffff);
            case "urg" -> draft.urgentPointer = PacketTextValues.intNumber(value, "an urgent pointer", 0xffff);
            case "opts" -> draft.tcpOptions = tcpOptions(value);
            case "id" -> draft.icmpIdentifier = PacketTextValues.intNumber(value, "an identifier", 0xffff);
            case "mtu" -> draft.restOfHeader = PacketTextValues.intNumber(value, "an MTU", 0xffff);
            case "pointer" -> draft.restOfHeader = (long) PacketTextValues.intNumber(value, "a pointer", 0xff) << 24;
            case "rest" -> draft.restOfHeader = PacketTextValues.number(value.text(), value.column(),
                    "the rest of the ICMP header", 0xffff_ffffL);
            case "gateway" -> draft.restOfHeader = Ipv4Address.tryParse(value.text())
                    .map(address -> address.bits() & 0xffff_ffffL)
                    .orElseThrow(() -> PacketSyntaxException.unexpected(value.text(), value.column(), "a gateway address"));
            default -> throw new IllegalStateException("no parser for field " + key);
        }
    }

    private static String valueDescription(String key) {
        return switch (key) {
            case "data" -> "a double-quoted string after data";
            case "flags" -> "TCP flag letters after flags";
            case "opts" -> "TCP options after opts";
            case "ipopts" -> "hex bytes after ipopts";
            case "gateway" -> "an address after gateway";
            default -> "a number after " + key;
        };
    }

    private static Bytes ipOptions(Word value) {
        Bytes options = PacketTextValues.hexBytes(value, "IP option bytes");
        if (options.length() % 4 != 0 || options.length() > Ipv4Header.MAX_OPTIONS_LENGTH) {
            throw PacketSyntaxException.invalid(value.text(), value.column(),
                    "IP options must be a multiple of 4 bytes, at most 40");
        }
        return options;
    }

    private static Payload data(Word value) {
        Bytes bytes = PacketTextValues.unquote(value);
        if (bytes.length() > Payload.MAX_LENGTH) {
            throw PacketSyntaxException.invalid("data", value.column(), "more than " + Payload.MAX_LENGTH + " bytes");
        }
        return Payload.of(bytes);
    }

    private static TcpFlags tcpFlags(Word value) {
        try {
            return TcpFlags.parse(value.text());
        } catch (IllegalArgumentException e) {
            throw PacketSyntaxException.unexpected(value.text(), value.column(),
                    "TCP flags: letters from FSRPAUEC (FIN SYN RST PSH ACK URG ECE CWR), or none");
        }
    }

    /** Comma-separated options, each reported at its own column when wrong. */
    private static TcpOptions tcpOptions(Word value) {
        List<TcpOption> options = new ArrayList<>();
        int start = 0;
        String text = value.text();
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String item = text.substring(start, end);
            try {
                options.add(TcpOption.parse(item));
            } catch (IllegalArgumentException e) {
                throw PacketSyntaxException.invalid(item, value.column() + start, e.getMessage());
            }
            start = end + 1;
        }
        try {
            return TcpOptions.of(options);
        } catch (IllegalArgumentException e) {
            throw PacketSyntaxException.invalid(text, value.column(), e.getMessage());
        }
    }
}
