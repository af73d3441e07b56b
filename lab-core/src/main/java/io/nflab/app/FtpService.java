package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.socket.SocketTable;
import java.util.Map;

/**
 * An FTP server (RFC 959, RFC 2428) on the control port, with vsftpd's reply texts: anonymous-style
 * login (any USER and PASS), SYST, PWD, CWD, TYPE, PASV, EPSV, PORT, EPRT, LIST, NLST, RETR, SIZE,
 * NOOP, FEAT, QUIT. Passive data connections go to a fresh listener on the control connection's local
 * address and an ephemeral port; active ones come from port 20 to the address the client named. Each
 * transfer needs a new PASV/PORT; the data connection is closed before {@code 226}. See
 * {@link FtpSession} for the replies.
 */
public final class FtpService {
    private FtpService() {
    }

    public static Service listen(SocketTable table, Ipv4Address address, int port, String nodeName, Map<String, Bytes> files) {
        return new ListeningService(table.listen(address, port, "ftp",
                (connection, now) -> new FtpSession(table, connection, nodeName, files)));
    }
}
