package io.nflab.socket;

import io.nflab.packet.ChecksumPolicy;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The packets Linux exchanged in one of the captured fixtures ({@code io/nflab/app/fixtures/wire-*.hex},
 * written by src/test/scripts/capture-socket-fixtures.py): each line {@code out HEX} or {@code in HEX},
 * as seen on the client's interface.
 */
public record LinuxCapture(List<Packet> packets) {

    /** One captured packet; {@code outgoing} when the captured host sent it. */
    public record Packet(boolean outgoing, Ipv4Packet packet) {
    }

    public static LinuxCapture load(String name) {
        String resource = "/io/nflab/app/fixtures/" + name;
        try (InputStream in = LinuxCapture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            List<Packet> packets = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split(" ");
                packets.add(new Packet(words[0].equals("out"),
                        WireFormat.decodeIpv4(HexFormat.of().parseHex(words[1]), ChecksumPolicy.IGNORE)));
            }
            return new LinuxCapture(List.copyOf(packets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
