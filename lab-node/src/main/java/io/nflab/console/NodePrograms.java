package io.nflab.console;

import java.util.List;

/**
 * The programs a node's console runs ({@link io.nflab.lab.LabSession#command}) and the lab's own console
 * commands: what the parser accepts and the completer offers.
 */
public final class NodePrograms {
    /** The programs, in the order help and completion list them. */
    public static final List<String> PROGRAMS = List.of("iptables", "iptables-save", "iptables-restore",
            "conntrack", "ip", "sysctl", "ping", "traceroute", "connect", "nc", "dmesg");

    /** The console's own commands; a node with one of these names is out of reach. */
    public static final List<String> LAB_COMMANDS = List.of("help", "nodes", "clock", "fault", "trace", "packets",
            "exit", "quit");

    /** The fault types, as the scenario's {@code fault: {type: …}} names them. */
    public static final List<String> FAULT_TYPES = List.of("link-down", "link-up", "crash", "restart", "loss");

    private NodePrograms() {
    }

    public static boolean isProgram(String word) {
        return PROGRAMS.contains(word);
    }

    public static boolean isLabCommand(String word) {
        return LAB_COMMANDS.contains(word);
    }
}
