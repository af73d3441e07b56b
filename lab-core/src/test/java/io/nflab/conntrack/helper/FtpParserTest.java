package io.nflab.conntrack.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.CtDirection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The FTP helper's parsing, case by case as nf_conntrack_ftp.c decides. */
class FtpParserTest {
    private static final Ipv4Address SENDER = Ipv4Address.parse("10.0.0.2");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "ORIGINAL;PORT 10,0,0,2,156,65\\r\\n;PORT;10.0.0.2;40001;5;15",
        "ORIGINAL;port 10,0,0,2,0,21\\r\\n;PORT;10.0.0.2;21;5;13",
        "ORIGINAL;EPRT |1|10.0.0.2|40001|\\r\\n;EPRT;10.0.0.2;40001;5;18",
        "ORIGINAL;EPRT !1!192.0.2.7!2000!\\r\\n;EPRT;192.0.2.7;2000;5;18",
        "REPLY;227 Entering Passive Mode (198,51,100,5,195,80).\\r\\n;PASV;198.51.100.5;50000;27;19",
        "REPLY;227 =198,51,100,5,195,80\\r\\n;PASV;198.51.100.5;50000;5;19",
        "REPLY;229 Entering Extended Passive Mode (|||6446|)\\r\\n;EPSV;10.0.0.2;6446;36;8",
    })
    void commandsAreFoundWithTheirNumbers(CtDirection dir, String text, FtpCommand.Type type, String address,
            int port, int offset, int length) {
        FtpParser.Result result = FtpParser.parse(bytes(text), dir, SENDER);

        FtpCommand command = assertInstanceOf(FtpParser.Match.class, result).command();
        assertEquals(new FtpCommand(type, Ipv4Address.parse(address), port, offset, length), command);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "ORIGINAL;PO",
        "ORIGINAL;PORT 10,0,0,2,156\\r\\n",
        "ORIGINAL;PORT 10,0,0,2,156,65",
        "ORIGINAL;PORT10,0,0,2,156,65\\r\\n",
        "ORIGINAL;EPRT |2|::1|40001|\\r\\n",
        "REPLY;227 no numbers\\r\\n",
        "REPLY;229 Entering Extended Passive Mode (|||0|)\\r\\n",
    })
    void aCommandBrokenOffIsPartialAndTheKernelDropsIt(CtDirection dir, String text) {
        assertInstanceOf(FtpParser.Partial.class, FtpParser.parse(bytes(text), dir, SENDER));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "ORIGINAL;USER anonymous\\r\\n",
        "ORIGINAL;227 (10,0,0,2,1,1)\\r\\n",
        "REPLY;PORT 10,0,0,2,156,65\\r\\n",
        "REPLY;220 ready\\r\\n",
        "ORIGINAL;LIST\\r\\n",
    })
    void otherLinesAndTheOtherDirectionsCommandsAreNotLookedAt(CtDirection dir, String text) {
        assertInstanceOf(FtpParser.NoMatch.class, FtpParser.parse(bytes(text), dir, SENDER));
    }

    private static byte[] bytes(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
