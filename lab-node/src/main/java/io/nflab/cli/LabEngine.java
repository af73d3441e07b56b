package io.nflab.cli;

import akka.actor.typed.ActorSystem;
import io.nflab.cluster.LabCluster;
import io.nflab.cluster.MemberSettings;
import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.LabSession;
import io.nflab.lab.LocalLab;
import io.nflab.lab.Tracing;
import io.nflab.runtime.ActorLab;
import io.nflab.topology.Topology;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * How a command runs labs: as Akka actors ({@code actors}, {@link ActorLab}) or in-process on one thread
 * ({@code local}, {@link LocalLab}). Both give the same activities for the same calls.
 */
enum LabEngine {
    /**
     * {@link ActorLab}: one actor per node and segment, all labs of a command in one actor system, a member of
     * the embedded one-member cluster or of the cluster the settings' seeds name.
     */
    ACTORS {
        @Override
        Labs start(MemberSettings member) {
            ActorSystem<Void> system = LabCluster.start(member.config());
            return new Labs() {
                @Override
                public void ready() {
                    ActorLab.prepare(system);
                }

                @Override
                public LabSession start(Topology topology, Tracing tracing) {
                    return ActorLab.start(system, topology, tracing);
                }

                @Override
                public void close() {
                    system.terminate();
                    system.getWhenTerminated().toCompletableFuture().join();
                }
            };
        }
    },
    /** {@link LocalLab}: every node's stack in this thread. */
    LOCAL {
        @Override
        Labs start(MemberSettings member) {
            if (!member.equals(MemberSettings.EMBEDDED)) {
                throw new UserInputException("the local engine runs in this process only: cluster options ("
                        + member + ") need --engine actors");
            }
            return new Labs() {
                @Override
                public void ready() {
                    // a local lab needs nothing before it starts
                }

                @Override
                public LabSession start(Topology topology, Tracing tracing) {
                    return LocalLab.start(topology, tracing);
                }

                @Override
                public void close() {
                    // nothing outlives the labs
                }
            };
        }
    };

    /** Starts what the engine's labs need; closing it stops that (after the labs are closed). */
    abstract Labs start(MemberSettings member);

    /** Starts labs of topologies (each closed by its user) while it is open. */
    interface Labs extends Function<Topology, LabSession>, AutoCloseable {
        /**
         * Does now what the first lab would otherwise wait for (for actors: becoming an Up cluster member
         * with registered shard regions), so that starting a lab takes only what the lab itself needs.
         */
        void ready();

        /** A lab of {@code topology} keeping as much of each packet's story as {@code tracing} says. */
        LabSession start(Topology topology, Tracing tracing);

        /** A lab of {@code topology} with full packet stories. */
        @Override
        default LabSession apply(Topology topology) {
            return start(topology, Tracing.HOPS);
        }

        @Override
        void close();
    }

    /** The word on the command line: {@code local}, {@code actors}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code --engine WORD}, naming the engines there are when the word is none of them. */
    static final class Converter implements CommandLine.ITypeConverter<LabEngine> {
        @Override
        public LabEngine convert(String word) {
            for (LabEngine engine : values()) {
                if (engine.toString().equals(word)) {
                    return engine;
                }
            }
            throw new CommandLine.TypeConversionException("no engine `" + word + "'; the engines are: "
                    + Arrays.stream(values()).map(LabEngine::toString).collect(Collectors.joining(", ")));
        }
    }
}
