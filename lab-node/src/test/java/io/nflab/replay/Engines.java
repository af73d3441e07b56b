package io.nflab.replay;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.nflab.lab.LabSession;
import io.nflab.lab.LocalLab;
import io.nflab.lab.Tracing;
import io.nflab.runtime.ActorLab;
import io.nflab.topology.Topology;
import java.util.function.Function;

/** The two lab runtimes the replay runs on in tests: LocalLab, and ActorLab in one actor system per test class. */
final class Engines implements AutoCloseable {
    private final ActorSystem<Void> system =
            ActorSystem.create(Behaviors.empty(), "replay-test", ConfigFactory.load());

    Function<Topology, LabSession> local() {
        return LocalLab::start;
    }

    Function<Topology, LabSession> actors() {
        return topology -> ActorLab.start(system, topology, Tracing.HOPS);
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
