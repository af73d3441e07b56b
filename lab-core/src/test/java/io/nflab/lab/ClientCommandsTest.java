package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.stack.ConsoleResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argument handling of the console's clients, as the real tools handle theirs. */
class ClientCommandsTest {

    private static ConsoleResult refused(String... argv) {
        return assertInstanceOf(ClientCommands.Refused.class, ClientCommands.parse(List.of(argv), "")).result();
    }

    private static void accepted(String... argv) {
        assertInstanceOf(ClientCommands.Launch.class, ClientCommands.parse(List.of(argv), ""));
    }

    @Test
    void optionsMayBeClusteredOrAttachedAsGetoptAllows() {
        accepted("ping", "-c3", "10.0.0.1");
        accepted("ping", "-nc", "3", "-i", "0.2", "-t", "5", "-s", "100", "10.0.0.1");
        accepted("traceroute", "-nm", "5", "-q2", "10.0.0.1");
        accepted("nc", "-uvw", "3", "10.0.0.1", "53");
        accepted("nc", "-z", "10.0.0.1", "22");
        accepted("connect", "10.0.0.1", "80");
    }

    @Test
    void pingRefusals() {
        assertEquals(new ConsoleResult(2, "", "ping: invalid argument: 'x'\n"), refused("ping", "-c", "x", "10.0.0.1"));
        assertEquals("ping: invalid argument: '300': out of range: 0 <= value <= 255\n",
                refused("ping", "-t", "300", "10.0.0.1").stderr());
        assertEquals("ping: packet size 70000 is too large. Maximum is 65507\n",
                refused("ping", "-s", "70000", "10.0.0.1").stderr());
        assertEquals("ping: bad timing interval: 0\n", refused("ping", "-i", "0", "10.0.0.1").stderr());
        assertEquals("ping: web: Name or service not known\n", refused("ping", "web").stderr());
        ConsoleResult unknown = refused("ping", "-z", "10.0.0.1");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().startsWith("ping: invalid option -- 'z'\n\nUsage\n"), unknown.stderr());
        assertTrue(refused("ping", "-c").stderr().startsWith("ping: option requires an argument -- 'c'\n"));
        assertTrue(refused("ping", "-W", "1", "10.0.0.1").stderr().contains("-W"));
    }

    @Test
    void tracerouteRefusals() {
        assertEquals(new ConsoleResult(2, "", "Specify \"host\" missing argument.\n"), refused("traceroute"));
        assertEquals("no more than 10 probes per hop\n", refused("traceroute", "-q", "11", "10.0.0.1").stderr());
        assertEquals("Bad option `-x' (argc 1)\n", refused("traceroute", "-x", "10.0.0.1").stderr());
        assertEquals("Cannot handle `-m' option with arg `many' (argc 2)\n",
                refused("traceroute", "-m", "many", "10.0.0.1").stderr());
        assertEquals("web: Name or service not known\nCannot handle \"host\" cmdline arg `web' on position 1 "
                + "(argc 1)\n", refused("traceroute", "web").stderr());
    }

    @Test
    void ncAndConnectRefusals() {
        assertEquals(1, refused("nc", "10.0.0.1").exitCode());
        assertTrue(refused("nc", "10.0.0.1").stderr().startsWith("usage: nc "));
        assertEquals("nc: port number invalid: http\n", refused("nc", "10.0.0.1", "http").stderr());
        assertEquals("nc: timeout invalid: soon\n", refused("nc", "-w", "soon", "10.0.0.1", "1").stderr());
        assertEquals(new ConsoleResult(2, "", "connect: port number invalid: 0\n"),
                refused("connect", "10.0.0.1", "0"));
        assertEquals(new ConsoleResult(2, "", "usage: connect HOST PORT\n"), refused("connect"));
    }
}
