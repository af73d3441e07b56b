package io.nflab.bench;

import io.nflab.conntrack.ConntrackPacket;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackSettings;
import io.nflab.conntrack.ConntrackSysctl;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.TcpFlagBits;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Connection tracking per packet, on a table already holding {@code entries} established TCP connections
 * (10.0.0.0/8 clients to one server): {@code established} tracks a segment of a random existing connection
 * (lookup, TCP state machine, timeout refresh), {@code lookup} only finds a random connection by its reply
 * tuple, {@code newConnection} tracks and confirms the SYN of a new connection and deletes the oldest one,
 * so the table stays the same size (insert and delete). See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class ConntrackBenchmark {
    private static final int SERVER = 0xc6336401; // 198.51.100.1
    private static final int PROBES = 1 << 16;

    @Param({"1000", "1000000"})
    public int entries;

    private ConntrackTable table;
    private ConntrackPacket[] segments;
    private ConntrackTuple[] replies;
    private int next;
    private int newest;
    private int oldest;
    private long now;

    @Setup(Level.Trial)
    public void fill() {
        table = new ConntrackTable(ConntrackSettings.defaults().with(ConntrackSysctl.MAX, 0)); // no limit
        for (int i = 0; i < entries; i++) {
            open(i);
        }
        oldest = 0;
        newest = entries;
        Random random = new Random(1);
        segments = new ConntrackPacket[PROBES];
        replies = new ConntrackTuple[PROBES];
        for (int i = 0; i < PROBES; i++) {
            int connection = random.nextInt(entries);
            segments[i] = ConntrackPacket.tcp(SERVER, client(connection), 443, port(connection), TcpFlagBits.ACK, 0, 52);
            replies[i] = ConntrackTuple.of(6, SERVER, client(connection), 443, port(connection));
        }
    }

    private void open(int connection) {
        int client = client(connection);
        int port = port(connection);
        ConntrackResult syn = table.track(ConntrackPacket.tcp(client, SERVER, port, 443, TcpFlagBits.SYN, 0, 60), now);
        table.confirm(syn, now);
        table.track(ConntrackPacket.tcp(SERVER, client, 443, port, TcpFlagBits.SYN | TcpFlagBits.ACK, 0, 60), now);
        table.track(ConntrackPacket.tcp(client, SERVER, port, 443, TcpFlagBits.ACK, 0, 52), now);
    }

    private static int client(int connection) {
        return 0x0a000000 | connection >>> 4;
    }

    private static int port(int connection) {
        return 10000 + (connection & 0xf);
    }

    @Benchmark
    public ConntrackResult established() {
        return table.track(segments[next++ & PROBES - 1], now);
    }

    @Benchmark
    public Object lookup() {
        return table.find(replies[next++ & PROBES - 1], 0, now);
    }

    @Benchmark
    public ConntrackResult newConnection() {
        int connection = newest++;
        ConntrackResult syn = table.track(ConntrackPacket.tcp(client(connection), SERVER, port(connection), 443,
                TcpFlagBits.SYN, 0, 60), now);
        table.confirm(syn, now);
        ConntrackTuple old = ConntrackTuple.of(6, client(oldest), SERVER, port(oldest), 443);
        oldest++;
        table.find(old, 0, now).ifPresent(match -> table.delete(match.entry()));
        return syn;
    }
}
