package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** conntrack behaviour the recorded fixtures cannot pin down (random ids, events) or that nflab refuses. */
class ConntrackCliTest {
    private final ConntrackTable table = new ConntrackTable();

    private ConntrackCli.Result run(long now, String command) {
        List<String> argv = new ArrayList<>(List.of(command.split(" ")));
        return ConntrackCli.execute(table, now, argv);
    }

    @Test
    void idsAreNumberedInConfirmationOrder() {
        run(0, "conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 1 --dport 2 -t 30");
        run(0, "conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 3 --dport 2 -t 30");
        ConntrackCli.Result listed = run(0, "conntrack -L -o id");
        assertEquals("""
                udp      17 30 src=1.1.1.1 dst=2.2.2.2 sport=1 dport=2 [UNREPLIED] src=2.2.2.2 dst=1.1.1.1 sport=2 \
                dport=1 mark=0 use=1 id=1
                udp      17 30 src=1.1.1.1 dst=2.2.2.2 sport=3 dport=2 [UNREPLIED] src=2.2.2.2 dst=1.1.1.1 sport=2 \
                dport=3 mark=0 use=1 id=2
                """, listed.stdout());
        assertEquals(1, run(0, "conntrack -D -i 2").stdout().lines().count());
        assertEquals(1, table.entries(0).get(0).id());
    }

    @Test
    void zeroingCountersWhileListing() {
        table.setSettings(table.settings().with(ConntrackSysctl.ACCT, 1));
        Flows flows = new Flows(table);
        flows.at(0).udp(true, 1000, 10);
        assertTrue(run(0, "conntrack -L -z").stdout().contains("packets=1 bytes=38"));
        assertTrue(run(0, "conntrack -L").stdout().contains("packets=0 bytes=0"));
    }

    @Test
    void statisticsCountWhatHappened() {
        Flows flows = new Flows(table);
        flows.at(0).udp(true, 1000, 10);
        flows.send(ConntrackPacket.icmp(ProbeScenario.B, ProbeScenario.A, 0, 0, 1, 28));
        assertEquals("cpu=0   \tfound=0 invalid=1 insert=1 insert_failed=0 drop=0 early_drop=0 error=0 "
                + "search_restart=0 clash_resolve=0 chaintoolong=0 \n", run(0, "conntrack -S").stdout());
    }

    @Test
    void refusesWhatItDoesNotModelWithAMessage() {
        ConntrackCli.Result events = run(0, "conntrack -E");
        assertEquals(1, events.exitCode());
        assertEquals("conntrack v1.4.7 (conntrack-tools): nflab cannot follow events (-E); list the table with -L\n",
                events.stderr());
        assertEquals("conntrack v1.4.7 (conntrack-tools): nflab does not print XML (-o xml)\n",
                run(0, "conntrack -L -o xml").stderr());
        assertEquals("conntrack v1.4.7 (conntrack-tools): nflab models IPv4 connection tracking only\n",
                run(0, "conntrack -I -p udp -s ::1 -d ::2 --sport 1 --dport 2 -t 5").stderr());
    }

    @Test
    void addCreatesButLeavesAnExistingEntryAlone() {
        ConntrackCli.Result added = run(0, "conntrack -A -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 1 --dport 2 -t 30");
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been added.\n", added.stderr());
        ConntrackCli.Result again = run(0, "conntrack -A -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 1 --dport 2 -t 90 -m 5");
        assertEquals(0, again.exitCode());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 0 flow entries have been added.\n", again.stderr());
        assertEquals("udp      17 30 src=1.1.1.1 dst=2.2.2.2 sport=1 dport=2 [UNREPLIED] src=2.2.2.2 dst=1.1.1.1 "
                + "sport=2 dport=1 mark=0 use=1\n", run(0, "conntrack -L").stdout());
    }

    @Test
    void timeoutsAreCappedAtIntMaxJiffies() {
        run(0, "conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 1 --dport 2 -t -5");
        assertTrue(run(0, "conntrack -L").stdout().startsWith("udp      17 8589934 "), "2^31-1 jiffies at 250 Hz");
    }

    @Test
    void updateChangesTheTimeout() {
        run(0, "conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 1 --dport 2 -t 30");
        ConntrackCli.Result updated = run(Flows.SECOND, "conntrack -U -s 1.1.1.1 -t 500");
        assertEquals("udp      17 500 src=1.1.1.1 dst=2.2.2.2 sport=1 dport=2 [UNREPLIED] src=2.2.2.2 dst=1.1.1.1 "
                + "sport=2 dport=1 mark=0 use=2\n", updated.stdout());
        assertEquals(1, table.count(400 * Flows.SECOND));
    }

    @Test
    void deletingInSaveFormat() {
        run(0, "conntrack -I -p icmp -s 1.1.1.1 -d 2.2.2.2 --icmp-type 8 --icmp-code 0 --icmp-id 9 -t 30");
        assertEquals("-D -t 30 -u UNSET -s 1.1.1.1 -d 2.2.2.2 -r 2.2.2.2 -q 1.1.1.1 -p icmp --icmp-type 8 "
                + "--icmp-code 0 --icmp-id 9\n", run(0, "conntrack -D -o save").stdout());
    }

    @Test
    void helpForAProtocolWithoutModuleUsesItsEtcProtocolsName() {
        assertTrue(run(0, "conntrack -h -p 50").stdout().endsWith("Proto `esp' help:\n  no options (unsupported)\n"));
    }

    @Test
    void programNameIsRequired() {
        assertEquals(CliUsage.TEXT, ConntrackCli.execute(table, 0, List.of("conntrack")).stdout());
    }
}
