package io.nflab.lab;

import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.Fault;
import io.nflab.topology.Topology;
import java.util.List;
import java.util.Optional;

/**
 * A running lab, as its users see it: the scenario replay, the console, {@code verify-kernel} and the
 * HTTP API drive a lab only through this interface, whether it runs in-process ({@code LocalLab}) or as
 * actors on a cluster. Every call runs until the lab is quiet again (no frame in flight, no timer due
 * before the lab clock) and answers what happened meanwhile as an {@link Activity}. Calls are
 * deterministic: the same calls on the same topology give the same activities, apart from nothing —
 * there is no wall clock in them.
 *
 * <p>The lab clock starts at 0 and moves only when a call makes it move: client programs (ping, connect
 * …) advance it to their timers until they finish, {@link #advance} moves it explicitly.
 */
public interface LabSession extends AutoCloseable {

    /** The topology the lab runs. */
    Topology topology();

    /** The lab clock, in nanoseconds since the lab started. */
    long clock();

    /**
     * One exact packet written by {@code node}'s stack as a raw socket would write it (the scenario's
     * {@code send}); runs until the lab is quiet.
     *
     * @throws io.nflab.diagnostics.UserInputException when the node does not exist
     */
    Activity send(String node, Ipv4Packet packet);

    /**
     * Several exact packets written by {@code node}'s stack one after the other at the same lab instant, in
     * list order (a batch: {@link #send} for each, without the lab moving in between); runs until the lab is
     * quiet. The activity lists every packet the batch caused. A batch of one is {@link #send}. Batches let
     * many packets share each lab instant, which is what a runtime that pays per instant needs to move
     * packets fast ({@code nflab bench}).
     *
     * @throws io.nflab.diagnostics.UserInputException when the node does not exist
     */
    Activity sendAll(String node, List<Ipv4Packet> packets);

    /**
     * A console command run on {@code node}: {@code iptables}, {@code iptables-save}, {@code iptables-restore},
     * {@code conntrack}, {@code ip}, {@code sysctl}, {@code dmesg}, and the clients {@code ping},
     * {@code traceroute}, {@code connect}, {@code nc}; a client runs to completion on the lab clock.
     * Unknown commands and bad arguments are answered like a shell would (exit code and stderr), not thrown.
     *
     * @throws io.nflab.diagnostics.UserInputException when the node does not exist
     */
    Activity command(String node, List<String> argv, String stdin);

    /** Moves the lab clock forward by {@code nanos}, firing every timer that falls due on the way. */
    Activity advance(long nanos);

    /** Injects a fault (link down/up, crash, restart, loss) and runs until the lab is quiet. */
    Activity fault(Fault fault);

    /** Everything known about packet {@code id}: where it went, where it ended, and why. */
    Optional<PacketStory> packet(long id);

    /**
     * Whether packet {@code id} was created in this lab but its story is no longer kept, so {@link #packet}
     * is empty for it (a lab that keeps only its recent packets' stories, as {@code LocalLab} with
     * {@link Tracing#ENDS}). False for a packet that never existed, and in labs that keep every story.
     */
    default boolean forgotten(long id) {
        return false;
    }

    /** Every node's {@code iptables-save -c} and {@code conntrack -L} text now. */
    LabSnapshot snapshot();

    /** Stops the lab; later calls fail. Never throws. */
    @Override
    void close();
}
