package io.nflab.conntrack.helper;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.CtDirection;
import java.util.Optional;

/**
 * The FTP helper's payload parsing, as nf_conntrack_ftp.c does it: a segment of the client (original
 * direction) is looked at for {@code PORT} and {@code EPRT}, one of the server for the {@code 227} and
 * {@code 229} replies; the pattern must start the payload (case-insensitive). A payload that ends inside
 * a pattern or its numbers is a partial match, for which the kernel drops the packet.
 */
final class FtpParser {
    /** What the search found. */
    sealed interface Result {
    }

    /** No command here. */
    record NoMatch() implements Result {
    }

    /** The payload starts like {@code pattern} but breaks off or is malformed. */
    record Partial(String pattern) implements Result {
    }

    record Match(FtpCommand command) implements Result {
    }

    private static final Result NO_MATCH = new NoMatch();

    private record Search(String pattern, char skip, char term, FtpCommand.Type type) {
    }

    private static final Search[] ORIGINAL = {
        new Search("PORT", ' ', '\r', FtpCommand.Type.PORT),
        new Search("EPRT", ' ', '\r', FtpCommand.Type.EPRT)};
    private static final Search[] REPLY = {
        new Search("227 ", '\0', '\0', FtpCommand.Type.PASV),
        new Search("229 ", '(', ')', FtpCommand.Type.EPSV)};

    private FtpParser() {
    }

    /**
     * Searches a payload sent in {@code direction}; {@code sender} is the sender's address in the
     * connection's tuple (EPSV announces only a port).
     */
    static Result parse(byte[] data, CtDirection direction, Ipv4Address sender) {
        for (Search search : direction == CtDirection.ORIGINAL ? ORIGINAL : REPLY) {
            Result result = find(data, search, sender);
            if (!(result instanceof NoMatch)) {
                return result;
            }
        }
        return NO_MATCH;
    }

    /** {@code find_pattern}. */
    private static Result find(byte[] data, Search search, Ipv4Address sender) {
        String pattern = search.pattern();
        int plen = pattern.length();
        int dlen = data.length;
        if (dlen <= plen) {
            return startsWith(data, pattern, dlen) ? new Partial(pattern) : NO_MATCH;
        }
        if (!startsWith(data, pattern, plen)) {
            return NO_MATCH;
        }
        int i = plen;
        if (search.skip() != '\0') {
            for (; data[i] != search.skip(); i++) {
                if (i == dlen - 1) {
                    return new Partial(pattern);
                }
            }
            i++;
        }
        Optional<FtpCommand> command = switch (search.type()) {
            case PORT -> rfc959(data, i, search.term(), FtpCommand.Type.PORT);
            case PASV -> rfc1123(data, i);
            case EPRT -> eprt(data, i);
            case EPSV -> epsvResponse(data, i, sender);
        };
        return command.<Result>map(Match::new).orElseGet(() -> new Partial(pattern));
    }

    private static boolean startsWith(byte[] data, String pattern, int length) {
        for (int k = 0; k < length; k++) {
            if (Character.toLowerCase((char) (data[k] & 0xff)) != Character.toLowerCase(pattern.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** {@code try_number}: {@code count} numbers separated by {@code sep}; answers the length or 0. */
    private static int number(byte[] data, int from, int[] values, char sep, char term) {
        int i = 0;
        for (int len = 0; from + len < data.length && i < values.length; len++) {
            int c = data[from + len] & 0xff;
            if (c >= '0' && c <= '9') {
                values[i] = values[i] * 10 + c - '0';
            } else if (c == sep) {
                i++;
            } else {
                return (c == term || term == '\0') && i == values.length - 1 ? len : 0;
            }
        }
        return 0;
    }

    /** {@code try_rfc959}: {@code h1,h2,h3,h4,p1,p2}. */
    private static Optional<FtpCommand> rfc959(byte[] data, int from, char term, FtpCommand.Type type) {
        int[] v = new int[6];
        int length = number(data, from, v, ',', term);
        if (length == 0) {
            return Optional.empty();
        }
        int address = v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
        int port = (v[4] << 8 | v[5]) & 0xffff;
        return Optional.of(new FtpCommand(type, Ipv4Address.of(address), port, from, length));
    }

    /** {@code try_rfc1123}: a 227 reply's numbers start at its first digit, parentheses or not. */
    private static Optional<FtpCommand> rfc1123(byte[] data, int from) {
        int i = from;
        while (i < data.length && !(data[i] >= '0' && data[i] <= '9')) {
            i++;
        }
        if (i == data.length) {
            return Optional.empty();
        }
        return rfc959(data, i, '\0', FtpCommand.Type.PASV);
    }

    /** {@code get_port}: digits up to {@code delim}, not 0; answers the index after the delimiter or 0. */
    private static int port(byte[] data, int start, char delim, int[] port) {
        int value = 0;
        for (int i = start; i < data.length; i++) {
            int c = data[i] & 0xff;
            if (c == delim) {
                if (value == 0) {
                    return 0;
                }
                port[0] = value;
                return i + 1;
            } else if (c >= '0' && c <= '9') {
                value = (value * 10 + c - '0') & 0xffff;
            } else {
                return 0;
            }
        }
        return 0;
    }

    private static boolean validDelimiter(int c) {
        return !(c >= '0' && c <= '9') && c >= 33 && c <= 126;
    }

    /** {@code try_eprt}: {@code |1|a.b.c.d|port|} (any printable non-digit delimiter; IPv4 only). */
    private static Optional<FtpCommand> eprt(byte[] data, int from) {
        int dlen = data.length - from;
        if (dlen <= 3) {
            return Optional.empty();
        }
        char delim = (char) (data[from] & 0xff);
        if (!validDelimiter(delim) || data[from + 2] != delim || data[from + 1] != '1') {
            return Optional.empty();
        }
        int[] v = new int[4];
        int length = number(data, from + 3, v, '.', delim);
        if (length == 0) {
            return Optional.empty();
        }
        int[] port = new int[1];
        int end = port(data, from + 3 + length + 1, delim, port);
        if (end == 0) {
            return Optional.empty();
        }
        int address = v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
        return Optional.of(new FtpCommand(FtpCommand.Type.EPRT, Ipv4Address.of(address), port[0], from, end - from));
    }

    /** {@code try_epsv_response}: {@code |||port|}. */
    private static Optional<FtpCommand> epsvResponse(byte[] data, int from, Ipv4Address sender) {
        int dlen = data.length - from;
        if (dlen <= 3) {
            return Optional.empty();
        }
        char delim = (char) (data[from] & 0xff);
        if (!validDelimiter(delim) || data[from + 1] != delim || data[from + 2] != delim) {
            return Optional.empty();
        }
        int[] port = new int[1];
        int end = port(data, from + 3, delim, port);
        if (end == 0) {
            return Optional.empty();
        }
        return Optional.of(new FtpCommand(FtpCommand.Type.EPSV, sender, port[0], from, end - from));
    }
}
