package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cluster options of node, run and replay: bad addresses and impossible combinations are bad input. */
class MemberOptionsTest {

    private static void refused(String message, String... args) {
        CliRunner result = CliRunner.run(args);
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains(message), result.err());
    }

    @Test
    void aSeedIsHostColonPort() {
        refused("bad member address `nohost': expected HOST:PORT", "replay", "port-forward", "--seed", "nohost");
        refused("bad port in `127.0.0.1:http': expected a number", "run", "port-forward", "--seed", "127.0.0.1:http");
    }

    @Test
    void aBindPortIsAPort() {
        refused("bad port in `127.0.0.1:65536': expected 0 to 65535", "node", "--bind", "127.0.0.1:65536");
    }

    @Test
    void anAddressInUseIsRefusedInOneLine() throws java.io.IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            refused("cannot bind 127.0.0.1:" + port + ": ", "node", "--bind", "127.0.0.1:" + port);
        }
    }

    @Test
    void theLocalEngineTakesNoClusterOptions() {
        refused("need --engine actors", "replay", "port-forward", "--engine", "local", "--seed", "127.0.0.1:2552");
    }

    @Test
    void aConfigFileMustBeReadable() {
        refused("cannot read the configuration /nonexistent/nflab.conf", "node", "--config", "/nonexistent/nflab.conf");
    }
}
