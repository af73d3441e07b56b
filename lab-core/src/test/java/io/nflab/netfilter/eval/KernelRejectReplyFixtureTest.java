package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.RejectTarget;
import io.nflab.packet.Bytes;
import io.nflab.packet.ChecksumPolicy;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REJECT's replies against the real kernel's: each case of kernel-reject-replies.txt (recorded by
 * tools/netfilter-kernel/capture) runs the rejected packet through the same rule and builds the reply with
 * {@link RejectReplies}; given the ICMP error's source, TTL and IP id (routing's and the kernel's choice),
 * the reply must be the captured one in every field. (Checksums are left out: the RSTs were captured with
 * the unfinished checksum of veth's offload; nflab's wire format computes them.)
 */
class KernelRejectReplyFixtureTest {

    record Case(String name, String rule, String packet, String reply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream stream = KernelRejectReplyFixtureTest.class.getResourceAsStream("kernel-reject-replies.txt")) {
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            for (String block : text.split("\n\n")) {
                if (block.startsWith("case ")) {
                    String[] lines = block.split("\n");
                    cases.add(new Case(value(lines[0], "case"), value(lines[1], "rule"), value(lines[2], "packet"),
                            value(lines[3], "reply")));
                }
            }
        }
        return cases.stream();
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("kernel-reject-replies.txt: expected " + key + ": " + line);
        }
        return line.substring(key.length() + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replyIsTheKernels(Case fixture) {
        NetfilterEngine engine = new NetfilterEngine(Rulesets.of(fixture.rule()), EngineEnvironment.standalone());
        Ipv4Packet original = WireFormat.decodeIpv4(Bytes.fromHex(fixture.packet()).toArray());
        Decision decision = engine.evaluate(TableKind.FILTER, Hook.INPUT,
                PacketContext.of(original).interfaces("b0", ""));
        assertEquals(Decision.Kind.REJECT, decision.kind());
        Ipv4Packet expected = WireFormat.decodeIpv4(Bytes.fromHex(fixture.reply()).toArray(), ChecksumPolicy.IGNORE);
        RejectReplies.ReplyHeader header = new RejectReplies.ReplyHeader(expected.source(), expected.ttl(),
                expected.header().identification());
        Ipv4Packet reply = RejectReplies.build(original, ((RejectTarget) decision.target()).with(), header)
                .orElseThrow();
        assertEquals(expected, reply);
    }
}
