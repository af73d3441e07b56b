package io.nflab.bench;

import io.nflab.conntrack.ConntrackPacket;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackSysctl;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.TcpFlagBits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap per connection tracking entry: fills a table with {@code N} established TCP connections (default
 * 1,000,000, counters on) through the packet path and prints the heap in use after full GCs before and
 * after. Run as described in docs/benchmarks.md; the design budget is 1,000,000 entries in 256 MiB.
 */
public final class ConntrackHeap {
    private ConntrackHeap() {
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = usedAfterGc();
        ConntrackTable table = new ConntrackTable();
        table.setSettings(table.settings().with(ConntrackSysctl.MAX, 0).with(ConntrackSysctl.ACCT, 1));
        for (int i = 0; i < entries; i++) {
            int client = 0x0a000000 | i >>> 4;
            int port = 10000 + (i & 0xf);
            int server = 0xc6336401;
            ConntrackResult syn = table.track(ConntrackPacket.tcp(client, server, port, 443, TcpFlagBits.SYN, 0, 60), 0);
            table.confirm(syn, 0);
            table.track(ConntrackPacket.tcp(server, client, 443, port, TcpFlagBits.SYN | TcpFlagBits.ACK, 0, 60), 0);
            table.track(ConntrackPacket.tcp(client, server, port, 443, TcpFlagBits.ACK, 0, 52), 0);
        }
        long after = usedAfterGc();
        int count = table.count(0);
        long used = after - before;
        System.out.printf("entries: %d%nheap used by the table: %.1f MiB%nbytes per entry: %.1f%n", count,
                used / 1048576.0, (double) used / count);
        System.out.println("first entry: " + io.nflab.conntrack.ConntrackFormat.conntrackLine(table.entries(0).get(0),
                0, false, false));
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
