package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline iptables commands of DESIGN.md: {@code nflab iptables|iptables-save|iptables-restore --rules FILE …}. */
class IptablesCommandsTest {

    @TempDir
    Path dir;

    @Test
    void appendWritesTheFileAndListingPrintsWhatIptablesPrints() throws IOException {
        Path rules = dir.resolve("gw.rules");
        CliRunner append = CliRunner.run("iptables", "--rules", rules.toString(),
                "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
        assertEquals(0, append.exitCode(), append.err());
        assertEquals("", append.out());
        assertTrue(Files.readString(rules).contains("[0:0] -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n"));

        CliRunner list = CliRunner.run("iptables", "--rules", rules.toString(), "-L", "INPUT", "-n");
        assertEquals(0, list.exitCode());
        assertEquals("Chain INPUT (policy ACCEPT)\n"
                + "target     prot opt source               destination         \n"
                + "ACCEPT     6    --  0.0.0.0/0            0.0.0.0/0            tcp dpt:22\n", list.out());
    }

    @Test
    void iptablesOwnOptionsPassThroughUntouched() {
        Path rules = dir.resolve("r");
        CliRunner version = CliRunner.run("iptables", "--rules", rules.toString(), "-V");
        assertEquals(0, version.exitCode());
        assertEquals("iptables v1.8.9 (nf_tables)\n", version.out());
        CliRunner negated = CliRunner.run("iptables", "--rules", rules.toString(),
                "-A", "INPUT", "!", "-s", "10.0.0.0/8", "-j", "DROP");
        assertEquals(0, negated.exitCode(), negated.err());
        assertEquals("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-A INPUT ! -s 10.0.0.0/8 -j DROP\n",
                CliRunner.run("iptables", "--rules", rules.toString(), "-S").out());
    }

    @Test
    void errorsPrintIptablesMessageExitWithItsCodeAndLeaveTheFileAlone() throws IOException {
        Path rules = dir.resolve("r");
        CliRunner.run("iptables", "--rules", rules.toString(), "-N", "WEB");
        String before = Files.readString(rules);
        CliRunner bad = CliRunner.run("iptables", "--rules", rules.toString(), "-A", "INPUT", "--dport", "80");
        assertEquals(2, bad.exitCode());
        assertEquals("iptables v1.8.9 (nf_tables): unknown option \"--dport\"\n"
                + "Try `iptables -h' or 'iptables --help' for more information.\n", bad.err());
        CliRunner busy = CliRunner.run("iptables", "--rules", rules.toString(), "-X", "INPUT");
        assertEquals(4, busy.exitCode());
        assertEquals(before, Files.readString(rules));
    }

    @Test
    void listingAnAbsentFileCreatesNothing() {
        Path rules = dir.resolve("absent.rules");
        CliRunner list = CliRunner.run("iptables", "--rules", rules.toString(), "-S");
        assertEquals(0, list.exitCode());
        assertEquals("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n", list.out());
        assertFalse(Files.exists(rules));
    }

    @Test
    void saveAndRestoreRoundTripWithCounters() {
        Path rules = dir.resolve("r");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(("*filter\n:INPUT DROP [3:120]\n[7:420] -A INPUT -i lo -j ACCEPT\n"
                    + "COMMIT\n").getBytes(StandardCharsets.UTF_8)));
            CliRunner restore = CliRunner.run("iptables-restore", "--rules", rules.toString(), "-c");
            assertEquals(0, restore.exitCode(), restore.err());
        } finally {
            System.setIn(stdin);
        }
        CliRunner save = CliRunner.run("iptables-save", "--rules", rules.toString(), "-c", "-t", "filter");
        assertEquals(0, save.exitCode());
        String body = save.out().replaceAll("(?m)^#.*\n", "");
        assertEquals("*filter\n:INPUT DROP [3:120]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + "[7:420] -A INPUT -i lo -j ACCEPT\nCOMMIT\n", body);
        CliRunner unknown = CliRunner.run("iptables-save", "--rules", rules.toString(), "-t", "nope");
        assertEquals(1, unknown.exitCode());
        assertEquals("Table `nope' does not exist\n", unknown.err());
    }

    @Test
    void aRulesFileIptablesRestoreRefusesIsBadInputNamingTheFile() throws IOException {
        Path rules = dir.resolve("broken.rules");
        Files.writeString(rules, "*filter\n-A INPUT --bogus\nCOMMIT\n");
        CliRunner run = CliRunner.run("iptables", "--rules", rules.toString(), "-S");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.err().startsWith(rules + ": not a ruleset iptables-restore accepts:"), run.err());
        assertTrue(run.err().contains("Error occurred at line: 2"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void helpWorksAndTheRulesOptionIsRequired() {
        CliRunner help = CliRunner.run("iptables", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: nflab iptables"), help.out());
        CliRunner missing = CliRunner.run("iptables", "-L");
        assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("--rules"), missing.err());
    }
}
