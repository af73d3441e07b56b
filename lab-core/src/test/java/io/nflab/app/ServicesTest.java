package io.nflab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.UdpDatagram;
import io.nflab.socket.Errno;
import io.nflab.socket.LabWire;
import io.nflab.socket.Outcome;
import io.nflab.socket.SocketException;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpState;
import io.nflab.socket.UdpHandler;
import io.nflab.socket.UdpSocket;
import io.nflab.topology.Application;
import io.nflab.topology.ServiceSpec;
import io.nflab.topology.TransportProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The services of a topology, started with {@link Services#start}, exercised through a client table. */
class ServicesTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final Ipv4Address SERVER = Ipv4Address.parse("10.0.1.2");

    private final LabWire wire = new LabWire(MS);
    private final SocketTable client = wire.host("10.0.0.1", 1);
    private final SocketTable server = wire.host("10.0.1.2", 2);
    private final ServiceContext context = ServiceContext.of("web")
            .withRecords(Map.of("web.lab", SERVER, "Client.Lab.", Ipv4Address.parse("10.0.0.1")));

    private Service start(TransportProtocol proto, int port, Application app) {
        return Services.start(server, new ServiceSpec(proto, port, app), context);
    }

    private String exchange(int port, String request) {
        ConnectClient connect = ConnectClient.start(client, SERVER, SERVER.toString(), port, Bytes.ofLatin1(request),
                ConnectClient.DEFAULT_IDLE, wire.now());
        wire.runFor(10 * S);
        assertTrue(connect.isFinished());
        assertEquals(Outcome.ESTABLISHED, connect.outcome());
        return new String(connect.response().toArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void httpAnswersGetWithTheNodeAndClosesFirst() {
        start(TransportProtocol.TCP, 8080, Application.HTTP);
        String response = exchange(8080, "GET / HTTP/1.1\r\nHost: web\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK\r\nServer: nflab\r\nContent-Type: text/plain\r\nContent-Length: 15\r\n"
                + "Connection: close\r\n\r\nHello from web\n", response);
        assertEquals(TcpState.TIME_WAIT, server.connections().get(0).state(), "the server closed first");
    }

    @Test
    void httpRefusesOtherMethodsAndGarbage() {
        start(TransportProtocol.TCP, 80, Application.HTTP);
        assertTrue(exchange(80, "HEAD / HTTP/1.0\r\n\r\n").endsWith("Content-Length: 15\r\nConnection: close\r\n\r\n"));
        assertTrue(exchange(80, "POST / HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 405 Method Not Allowed\r\n"));
        assertTrue(exchange(80, "POST / HTTP/1.1\r\n\r\n").contains("Allow: GET, HEAD\r\nConnection: close\r\n"));
        assertTrue(exchange(80, "hello\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request\r\n"));
    }

    @Test
    void echoAndDiscardOverTcp() {
        start(TransportProtocol.TCP, 7, Application.ECHO);
        start(TransportProtocol.TCP, 9, Application.DISCARD);
        assertEquals("one line\n", exchange(7, "one line\n"));
        assertEquals("", exchange(9, "thrown away\n"));
    }

    @Test
    void echoAndDiscardOverUdp() {
        start(TransportProtocol.UDP, 7, Application.ECHO);
        start(TransportProtocol.UDP, 9, Application.DISCARD);
        UdpClient echo = UdpClient.start(client, SERVER, 7, Bytes.ofLatin1("hi\n"), S, 0);
        UdpClient discard = UdpClient.start(client, SERVER, 9, Bytes.ofLatin1("hi\n"), S, 0);
        wire.runFor(3 * S);
        assertEquals("hi\n", echo.output().stdout());
        assertEquals("", discard.output().stdout());
        assertEquals(Outcome.TIMED_OUT, discard.outcome(), "discard never answers");
    }

    @Test
    void aPortTakenTwiceIsAddressInUse() {
        start(TransportProtocol.TCP, 8080, Application.HTTP);
        SocketException e = assertThrows(SocketException.class, () -> start(TransportProtocol.TCP, 8080, Application.ECHO));
        assertEquals(Errno.EADDRINUSE, e.errno());
    }

    private List<DnsMessage> ask(Bytes... queries) {
        List<DnsMessage> answers = new ArrayList<>();
        UdpSocket socket = client.openUdp("dig", new UdpHandler() {
            @Override
            public void received(UdpSocket s, Ipv4Packet packet, UdpDatagram datagram, long now) {
                answers.add(DnsMessage.decode(datagram.payload().bytes()));
            }
        });
        for (Bytes query : queries) {
            socket.sendTo(SERVER, 53, query, wire.now());
        }
        wire.runFor(S);
        return answers;
    }

    @Test
    void dnsAnswersARecordsAndNxdomain() {
        start(TransportProtocol.UDP, 53, Application.DNS);
        List<DnsMessage> answers = ask(DnsMessage.query(0x1234, "web.lab", DnsMessage.TYPE_A).encode(),
                DnsMessage.query(7, "client.lab.", DnsMessage.TYPE_A).encode(),
                DnsMessage.query(8, "nothing.lab", DnsMessage.TYPE_A).encode(),
                DnsMessage.query(9, "web.lab", 28).encode());
        assertEquals(4, answers.size());
        DnsMessage web = answers.get(0);
        assertEquals(0x1234, web.id());
        assertEquals(0x8500, web.flags(), "response, authoritative, recursion desired copied, NOERROR");
        assertEquals(SERVER, web.answers().get(0).address());
        assertEquals(DnsService.TTL, web.answers().get(0).ttl());
        assertEquals(Ipv4Address.parse("10.0.0.1"), answers.get(1).answers().get(0).address());
        assertEquals(DnsMessage.RCODE_NXDOMAIN, answers.get(2).rcode());
        assertEquals(List.of(), answers.get(2).answers());
        assertEquals(DnsMessage.RCODE_NOERROR, answers.get(3).rcode());
        assertEquals(List.of(), answers.get(3).answers(), "no AAAA record");
    }

    @Test
    void dnsAnswersInRealWireFormat() {
        Bytes query = Bytes.fromHex("abcd0100000100000000000003776562036c61620000010001");
        Bytes answer = DnsService.answer(query, Map.of("web.lab", SERVER));
        assertEquals("abcd8500000100010000000003776562036c61620000010001" + "c00c00010001" + "0000012c" + "0004" + "0a000102",
                answer.toHex());
    }

    @Test
    void dnsRefusesOtherOpcodesAndMultipleQuestionsAndIgnoresResponses() {
        start(TransportProtocol.UDP, 53, Application.DNS);
        DnsMessage.Question question = new DnsMessage.Question("web.lab", 1, 1);
        List<DnsMessage> answers = ask(new DnsMessage(1, 0x2800, List.of(question), List.of()).encode(),
                new DnsMessage(2, 0, List.of(question, question), List.of()).encode(),
                new DnsMessage(3, 0x8000, List.of(question), List.of()).encode(),
                Bytes.ofLatin1("junk"));
        assertEquals(2, answers.size());
        assertEquals(DnsMessage.RCODE_NOTIMP, answers.get(0).rcode());
        assertEquals(DnsMessage.RCODE_FORMERR, answers.get(1).rcode());
    }

    @Test
    void dnsOverTcpFramesWithALengthPrefix() {
        start(TransportProtocol.TCP, 53, Application.DNS);
        Bytes query = DnsMessage.query(5, "web.lab", DnsMessage.TYPE_A).encode();
        byte[] framed = new byte[query.length() + 2];
        framed[1] = (byte) query.length();
        query.copyTo(framed, 2);
        ConnectClient connect = ConnectClient.start(client, SERVER, SERVER.toString(), 53, Bytes.of(framed),
                ConnectClient.DEFAULT_IDLE, 0);
        wire.runFor(10 * S);
        Bytes response = connect.response();
        assertEquals(response.length() - 2, response.getUnsignedShort(0));
        assertEquals(SERVER, DnsMessage.decode(response.slice(2, response.length())).answers().get(0).address());
    }

    @Test
    void ftpStartsFromItsServiceSpec() {
        Service ftp = start(TransportProtocol.TCP, 21, Application.FTP);
        assertEquals("tcp *:21 *:* ftp", ftp.id().toString());
        FtpClient client = FtpClient.start(this.client, SERVER, 21, FtpClient.Mode.PASV, "RETR readme.txt", 0);
        wire.runFor(5 * S);
        assertEquals("This is the FTP server of web.\n", new String(client.data().toArray(), StandardCharsets.ISO_8859_1));
        ftp.stop();
        ConnectClient refused = ConnectClient.start(this.client, SERVER, 21, wire.now());
        wire.runFor(S);
        assertEquals(Outcome.REFUSED, refused.outcome(), "a stopped service no longer listens");
    }
}
