package io.nflab.conntrack.helper;

import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * An address announcement the FTP helper found in a control connection's payload: which command, the
 * address and port it announces, and where its numbers are in the payload (what NAT rewrites).
 *
 * @param type PORT, EPRT (client commands), PASV (a 227 reply) or EPSV (a 229 reply)
 * @param address the announced address; for EPSV, which names none, the sender's own
 * @param port the announced port
 * @param offset where the numbers start in the payload
 * @param length how many bytes they take
 */
public record FtpCommand(Type type, Ipv4Address address, int port, int offset, int length) {
    /** The kernel's {@code enum nf_ct_ftp_type}. */
    public enum Type { PORT, PASV, EPRT, EPSV }

    public FtpCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
    }

    /** The numbers as {@code nf_nat_ftp} writes them for another address and port. */
    public static String format(Type type, Ipv4Address address, int port) {
        return switch (type) {
            case PORT, PASV -> address.octet(0) + "," + address.octet(1) + "," + address.octet(2) + ","
                    + address.octet(3) + "," + (port >>> 8) + "," + (port & 0xff);
            case EPRT -> "|1|" + address + "|" + port + "|";
            case EPSV -> "|||" + port + "|";
        };
    }
}
