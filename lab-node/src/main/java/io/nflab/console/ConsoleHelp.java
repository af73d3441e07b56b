package io.nflab.console;

import java.util.List;

/** The text {@code help} prints. */
public final class ConsoleHelp {
    private ConsoleHelp() {
    }

    public static List<String> lines() {
        return List.of(
                "NODE COMMAND [ARGS…]          run a command on a node: " + String.join(", ", NodePrograms.PROGRAMS),
                "NODE COMMAND … < FILE         with FILE as stdin (relative to the lab folder), e.g. gw iptables-restore < gw.rules",
                "NODE COMMAND … << END         with the lines up to END as stdin",
                "NODE iptables-restore         reads the lines that follow, up to COMMIT",
                "nodes                         the nodes, their interfaces, addresses and services",
                "clock [advance DURATION]      show the lab clock, or move it (500ms, 30s, 5m, 1h30m)",
                "fault link-down|link-up NODE INTERFACE",
                "fault crash|restart NODE",
                "fault loss SEGMENT PERCENT    inject a fault",
                "trace ID                      a packet's story: its hops and where and why it ended",
                "packets                       every packet of the last command that sent any",
                "help                          this text",
                "exit, quit                    leave the console and stop the lab (also Ctrl-D)",
                "Words are split as a shell splits them ('…', \"…\", \\); a line starting with # is a comment.");
    }
}
