package io.nflab.cluster;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.remote.RemoteTransportException;
import com.typesafe.config.Config;
import io.nflab.diagnostics.UserInputException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * Cluster membership for labs: every actor system that runs lab elements is an Akka Cluster member (Artery
 * TCP, Split Brain Resolver for downing, see {@code application.conf}). A system with no seed nodes forms
 * a cluster of its own when a lab first needs one, so one machine is a one-member cluster with nothing to
 * configure.
 */
public final class LabCluster {
    /** The actor system name every member shares (Akka addresses name it). */
    public static final String SYSTEM_NAME = "nflab";

    private LabCluster() {
    }

    /**
     * Starts a member with {@code config}; it joins its seed nodes, if it has any, at once.
     *
     * @throws UserInputException when it cannot bind its address (in use, not this machine's)
     */
    public static ActorSystem<Void> start(Config config) {
        // SLF4J binds its provider here, in one thread: Akka's threads asking for loggers while it binds would
        // have their first lines held back and replayed, with a three-line SLF4J notice on stderr.
        LoggerFactory.getILoggerFactory();
        try {
            return ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, config);
        } catch (RemoteTransportException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new UserInputException("cannot bind " + config.getString("akka.remote.artery.canonical.hostname")
                    + ":" + config.getInt("akka.remote.artery.canonical.port") + ": " + cause.getMessage());
        }
    }

    /**
     * Waits until {@code system} is an Up member, joining itself first when it has no seed nodes and has not
     * joined anything.
     *
     * @throws UserInputException when it is not Up within {@code nflab.cluster.join-timeout} (the seeds are
     *                            wrong or unreachable)
     */
    public static void awaitUp(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        if (cluster.selfMember().status() == MemberStatus.up()) {
            return;
        }
        Config config = system.settings().config();
        if (config.getStringList("akka.cluster.seed-nodes").isEmpty()
                && cluster.selfMember().status() == MemberStatus.removed()) { // not joining anything yet
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        long deadline = System.nanoTime() + config.getDuration("nflab.cluster.join-timeout").toNanos();
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() > deadline) {
                throw new UserInputException("this process did not become an Up cluster member within "
                        + config.getDuration("nflab.cluster.join-timeout").toSeconds() + " s (seed nodes: "
                        + config.getStringList("akka.cluster.seed-nodes") + ", status "
                        + cluster.selfMember().status() + ")");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
