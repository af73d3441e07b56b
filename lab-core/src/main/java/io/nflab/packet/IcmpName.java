package io.nflab.packet;

/**
 * One entry of iptables' ICMP name table ({@code iptables -p icmp -h}): a name that stands for a type
 * and a code range. Type names cover codes 0..255 ({@code echo-request}); code names one code
 * ({@code port-unreachable} is type 3 code 3). {@code alias} marks the alternative spellings
 * ({@code ping}, {@code pong}, {@code ttl-exceeded}). The entry {@code any} has type 255.
 */
public record IcmpName(String name, int type, int codeMin, int codeMax, boolean alias) {

    /** Whether this name stands for every code of its type. */
    public boolean isTypeName() {
        return codeMin == 0 && codeMax == 0xff;
    }

    /** Whether a message of this type and code matches the name. */
    public boolean matches(int messageType, int code) {
        return (type == 0xff || type == messageType) && code >= codeMin && code <= codeMax;
    }
}
