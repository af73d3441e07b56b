package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpConnection;
import io.nflab.socket.TcpHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 server: it reads one request (up to the empty line), answers {@code GET} and
 * {@code HEAD} with 200 and the body {@code Hello from NODE\n} (text/plain), other methods with 405, a
 * malformed request with 400, always with {@code Connection: close}, and then closes, so the server
 * side ends in TIME_WAIT as behind a real {@code Connection: close} server. No Date header: there is
 * no wall clock.
 */
public final class HttpService {
    private static final int MAX_REQUEST = 8192;

    private HttpService() {
    }

    public static Service listen(SocketTable table, Ipv4Address address, int port, String nodeName) {
        String body = "Hello from " + nodeName + "\n";
        return new ListeningService(table.listen(address, port, "http", (connection, now) -> new Session(body)));
    }

    /** The response to a whole request head (the text before the empty line). */
    static String respond(String head, String body) {
        String requestLine = head.split("\r?\n", 2)[0];
        String[] words = requestLine.split(" ");
        if (words.length != 3 || !words[2].matches("HTTP/1\\.[01]") || !words[1].startsWith("/")
                && !words[1].startsWith("http://")) {
            return response("400 Bad Request", "Bad Request\n", true);
        }
        return switch (words[0]) {
            case "GET" -> response("200 OK", body, true);
            case "HEAD" -> response("200 OK", body, false);
            default -> response("405 Method Not Allowed", "Method Not Allowed\n", true).replace(
                    "Connection: close\r\n", "Allow: GET, HEAD\r\nConnection: close\r\n");
        };
    }

    private static String response(String status, String body, boolean withBody) {
        return "HTTP/1.1 " + status + "\r\n"
                + "Server: nflab\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + (withBody ? body : "");
    }

    /** One connection: collects the request head, answers once, closes. */
    private static final class Session implements TcpHandler {
        private final String body;
        private final ByteArrayOutputStream request = new ByteArrayOutputStream();
        private boolean answered;

        Session(String body) {
            this.body = body;
        }

        @Override
        public void received(TcpConnection c, Bytes data, long now) {
            if (answered) {
                return;
            }
            request.writeBytes(data.toArray());
            String text = request.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                end = text.indexOf("\n\n");
            }
            if (end >= 0) {
                answer(c, respond(text.substring(0, end), body), now);
            } else if (request.size() > MAX_REQUEST) {
                answer(c, response("400 Bad Request", "Bad Request\n", true), now);
            }
        }

        @Override
        public void peerClosed(TcpConnection c, long now) {
            c.close(now);
        }

        private void answer(TcpConnection c, String response, long now) {
            answered = true;
            c.send(Bytes.ofLatin1(response), now);
            c.close(now);
        }
    }
}
