package io.nflab.nat;

/**
 * The kernel's {@code jhash2} (Bob Jenkins' lookup3 over 32-bit words, include/linux/jhash.h) and
 * {@code reciprocal_scale}: NAT's address choice in a range is this hash of the addresses, no secret
 * involved, so nflab picks exactly the address Linux picks.
 */
final class Jhash {
    private static final int INITVAL = 0xdeadbeef;

    private Jhash() {
    }

    static int jhash2(int[] words, int initval) {
        int length = words.length;
        int a = INITVAL + (length << 2) + initval;
        int b = a;
        int c = a;
        int k = 0;
        while (length > 3) {
            a += words[k];
            b += words[k + 1];
            c += words[k + 2];
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            length -= 3;
            k += 3;
        }
        switch (length) {
            case 3:
                c += words[k + 2];
                // fall through
            case 2:
                b += words[k + 1];
                // fall through
            case 1:
                a += words[k];
                c ^= b; c -= Integer.rotateLeft(b, 14);
                a ^= c; a -= Integer.rotateLeft(c, 11);
                b ^= a; b -= Integer.rotateLeft(a, 25);
                c ^= b; c -= Integer.rotateLeft(b, 16);
                a ^= c; a -= Integer.rotateLeft(c, 4);
                b ^= a; b -= Integer.rotateLeft(a, 14);
                c ^= b; c -= Integer.rotateLeft(b, 24);
                break;
            default:
                break;
        }
        return c;
    }

    /** {@code reciprocal_scale(val, ep_ro)}: {@code val} scaled into {@code [0, ep_ro)} by a multiply-shift. */
    static int reciprocalScale(int value, int range) {
        return (int) (((value & 0xffff_ffffL) * (range & 0xffff_ffffL)) >>> 32);
    }

    /** An IPv4 address as the kernel's hash reads it: a big-endian word loaded on a little-endian CPU. */
    static int wireWord(int addressBits) {
        return Integer.reverseBytes(addressBits);
    }
}
