package io.nflab.netfilter.eval;

/**
 * Where the LOG target's kernel log lines and TRACE entries go (the kernel's syslog via
 * {@code nf_log_syslog}). A line is the message without the syslog level marker and without the
 * trailing newline, e.g. {@code "dropped: IN=eth0 OUT= MAC=… SRC=10.0.0.2 DST=10.0.0.1 LEN=60 … URGP=0 "};
 * {@code level} is the syslog priority 0 (emerg) … 7 (debug).
 */
@FunctionalInterface
public interface PacketLog {

    /** Throws every line away. */
    PacketLog DISCARD = (level, line) -> { };

    void log(int level, String line);

    /**
     * An AUDIT target's NETFILTER_PKT record ({@code mark=0x0 saddr=… daddr=… proto=6}); by default it goes
     * to the log at level 5 as the kernel prints audit records when no audit daemon reads them, as
     * {@code audit: type=1325 …} (without the kernel's time stamp and serial number).
     */
    default void audit(String record) {
        log(5, "audit: type=1325 " + record);
    }

    /** A TRACE entry; by default its line goes to the log at level 4, as with the kernel. */
    default void trace(TraceEntry entry) {
        log(TraceEntry.LEVEL, entry.line());
    }
}
