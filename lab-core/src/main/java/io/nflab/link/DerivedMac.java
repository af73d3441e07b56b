package io.nflab.link;

import io.nflab.address.MacAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The MAC address nflab gives an interface that has none in the topology: derived from the node and
 * interface names, so a lab gets the same MACs on every run. It is a unicast, locally administered
 * address (first octet {@code x2}, {@code x6}, {@code xa} or {@code xe}), like the random ones Linux gives
 * veth devices: the first 6 bytes of SHA-256 of {@code node/interface}, with the multicast bit cleared
 * and the locally-administered bit set.
 */
public final class DerivedMac {

    private DerivedMac() {
    }

    public static MacAddress of(String node, String iface) {
        byte[] digest = sha256((node + "/" + iface).getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = bits << 8 | (digest[i] & 0xff);
        }
        bits &= ~(1L << 40); // unicast
        bits |= 1L << 41;    // locally administered
        return MacAddress.of(bits);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
