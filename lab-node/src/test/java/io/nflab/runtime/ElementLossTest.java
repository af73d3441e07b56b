package io.nflab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.cluster.Cluster;
import io.nflab.cluster.LabCluster;
import io.nflab.cluster.MemberSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The restart event blames the member only when the member is really gone. */
class ElementLossTest {
    private static ActorSystem<Void> system;
    private static Cluster cluster;

    @BeforeAll
    static void start() {
        system = LabCluster.start(MemberSettings.EMBEDDED.config());
        LabCluster.awaitUp(system);
        cluster = Cluster.get(system.classicSystem());
    }

    @AfterAll
    static void stop() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    @Test
    void anElementThatFailsOnAnUpMemberIsAnInternalError() {
        Address self = cluster.selfAddress();
        String at = self.getHost().get() + ":" + self.getPort().get();
        assertEquals("gw restarted with fresh state: it failed on cluster member " + at
                        + " (an internal error of nflab; the member's log has the details)",
                ElementLoss.describe("gw", self, self, cluster.state()));
        assertEquals("gw restarted with fresh state: it failed on cluster member " + at
                        + " (an internal error of nflab; the member's log has the details)",
                ElementLoss.describe("gw", new Address("akka", system.name()), self, cluster.state()),
                "a local actor's path has no host: it ran on this member");
    }

    @Test
    void anElementWhoseMemberLeftBlamesTheMember() {
        Address gone = new Address("akka", system.name(), "127.0.0.1", 1);
        assertEquals("lan restarted with fresh state: its cluster member 127.0.0.1:1 is gone",
                ElementLoss.describe("lan", gone, cluster.selfAddress(), cluster.state()));
    }
}
