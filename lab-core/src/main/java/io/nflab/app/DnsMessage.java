package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A DNS message in RFC 1035 wire format, as far as nflab's DNS service and its tests need it: header,
 * questions and answer records (authority and additional sections are read over and not kept). Names
 * are written without the trailing dot; answers naming the first question's name are compressed to a
 * pointer at it, as servers do.
 */
public record DnsMessage(int id, int flags, List<Question> questions, List<ResourceRecord> answers) {
    public static final int TYPE_A = 1;
    public static final int CLASS_IN = 1;
    public static final int FLAG_RESPONSE = 0x8000;
    public static final int FLAG_AUTHORITATIVE = 0x0400;
    public static final int FLAG_RECURSION_DESIRED = 0x0100;
    public static final int RCODE_NOERROR = 0;
    public static final int RCODE_FORMERR = 1;
    public static final int RCODE_NXDOMAIN = 3;
    public static final int RCODE_NOTIMP = 4;
    private static final int HEADER_LENGTH = 12;

    /** A question: name, type, class. */
    public record Question(String name, int type, int qclass) {
        public Question {
            Objects.requireNonNull(name, "name");
        }
    }

    /** An answer record; an A record's data is the four address bytes. */
    public record ResourceRecord(String name, int type, int rclass, long ttl, Bytes data) {
        public ResourceRecord {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }

        public static ResourceRecord a(String name, long ttl, Ipv4Address address) {
            int bits = address.bits();
            return new ResourceRecord(name, TYPE_A, CLASS_IN, ttl,
                    Bytes.of(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits}));
        }

        /** The address of an A record. */
        public Ipv4Address address() {
            if (type != TYPE_A || data.length() != 4) {
                throw new IllegalStateException("not an A record");
            }
            return Ipv4Address.of(data.get(0), data.get(1), data.get(2), data.get(3));
        }
    }

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
    }

    /** A standard query with recursion desired, as {@code dig} or a stub resolver sends it. */
    public static DnsMessage query(int id, String name, int type) {
        return new DnsMessage(id, FLAG_RECURSION_DESIRED, List.of(new Question(name, type, CLASS_IN)), List.of());
    }

    public boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    public int opcode() {
        return flags >>> 11 & 0xf;
    }

    public int rcode() {
        return flags & 0xf;
    }

    // ---------------------------------------------------------------- wire format

    /** Reads a message; throws IllegalArgumentException naming the byte where it is malformed. */
    public static DnsMessage decode(Bytes bytes) {
        if (bytes.length() < HEADER_LENGTH) {
            throw new IllegalArgumentException("DNS message of " + bytes.length() + " bytes, the header alone takes 12");
        }
        int[] offset = {HEADER_LENGTH};
        int questionCount = bytes.getUnsignedShort(4);
        int answerCount = bytes.getUnsignedShort(6);
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < questionCount; i++) {
            String name = readName(bytes, offset);
            need(bytes, offset[0], 4);
            questions.add(new Question(name, bytes.getUnsignedShort(offset[0]), bytes.getUnsignedShort(offset[0] + 2)));
            offset[0] += 4;
        }
        List<ResourceRecord> answers = new ArrayList<>();
        for (int i = 0; i < answerCount; i++) {
            String name = readName(bytes, offset);
            need(bytes, offset[0], 10);
            int at = offset[0];
            int length = bytes.getUnsignedShort(at + 8);
            need(bytes, at + 10, length);
            long ttl = (long) bytes.getUnsignedShort(at + 4) << 16 | bytes.getUnsignedShort(at + 6);
            answers.add(new ResourceRecord(name, bytes.getUnsignedShort(at), bytes.getUnsignedShort(at + 2), ttl,
                    bytes.slice(at + 10, at + 10 + length)));
            offset[0] = at + 10 + length;
        }
        return new DnsMessage(bytes.getUnsignedShort(0), bytes.getUnsignedShort(2), questions, answers);
    }

    public Bytes encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        short16(out, id);
        short16(out, flags);
        short16(out, questions.size());
        short16(out, answers.size());
        short16(out, 0);
        short16(out, 0);
        for (Question question : questions) {
            writeName(out, question.name());
            short16(out, question.type());
            short16(out, question.qclass());
        }
        String first = questions.isEmpty() ? null : questions.get(0).name();
        for (ResourceRecord answer : answers) {
            if (answer.name().equalsIgnoreCase(first == null ? "" : first) && first != null) {
                short16(out, 0xc000 | HEADER_LENGTH);
            } else {
                writeName(out, answer.name());
            }
            short16(out, answer.type());
            short16(out, answer.rclass());
            short16(out, (int) (answer.ttl() >>> 16));
            short16(out, (int) answer.ttl());
            short16(out, answer.data().length());
            out.writeBytes(answer.data().toArray());
        }
        return Bytes.of(out.toByteArray());
    }

    private static String readName(Bytes bytes, int[] offset) {
        StringBuilder name = new StringBuilder();
        int at = offset[0];
        int jumps = 0;
        boolean jumped = false;
        while (true) {
            need(bytes, at, 1);
            int length = bytes.get(at);
            if ((length & 0xc0) == 0xc0) {
                need(bytes, at, 2);
                if (!jumped) {
                    offset[0] = at + 2;
                }
                jumped = true;
                at = bytes.getUnsignedShort(at) & 0x3fff;
                if (++jumps > 32) {
                    throw new IllegalArgumentException("DNS name compression loops at byte " + at);
                }
                continue;
            }
            if ((length & 0xc0) != 0) {
                throw new IllegalArgumentException("bad DNS label length " + length + " at byte " + at);
            }
            if (length == 0) {
                if (!jumped) {
                    offset[0] = at + 1;
                }
                return name.toString();
            }
            need(bytes, at + 1, length);
            if (name.length() > 0) {
                name.append('.');
            }
            for (int i = 0; i < length; i++) {
                name.append((char) bytes.get(at + 1 + i));
            }
            at += 1 + length;
        }
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!trimmed.isEmpty()) {
            for (String label : trimmed.split("\\.", -1)) {
                if (label.isEmpty() || label.length() > 63) {
                    throw new IllegalArgumentException("bad DNS name: \"" + name + "\"");
                }
                out.write(label.length());
                out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        out.write(0);
    }

    private static void need(Bytes bytes, int at, int count) {
        if (at + count > bytes.length()) {
            throw new IllegalArgumentException("DNS message ends at byte " + bytes.length() + ", " + count
                    + " more bytes expected at byte " + at);
        }
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8 & 0xff);
        out.write(value & 0xff);
    }

    /** Lower case without a trailing dot, the form names are looked up in. */
    static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
