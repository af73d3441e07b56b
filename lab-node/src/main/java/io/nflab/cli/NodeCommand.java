package io.nflab.cli;

import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nflab.cluster.HostPort;
import io.nflab.cluster.LabCluster;
import io.nflab.cluster.MemberSettings;
import io.nflab.runtime.ElementSharding;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nflab node [--bind HOST:PORT] [--seed HOST:PORT …] [--role ROLE …] [--config FILE]}: a cluster member
 * that hosts lab elements for labs started elsewhere ({@code nflab run|replay --seed …}). It runs until it is
 * stopped (SIGTERM, Ctrl-C: it leaves the cluster gracefully, handing its elements over) or downed. Membership
 * changes are logged at INFO on stderr.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a cluster member that hosts lab nodes and segments (see docs/cluster.md).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the member left the cluster",
            "2:bad input (address, configuration)"
        })
final class NodeCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 2552;

    @Mixin
    private MemberOptions member;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        MemberSettings settings = member.settings(Optional.of(new HostPort("127.0.0.1", DEFAULT_PORT)));
        Config config = ConfigFactory.parseString("akka.loglevel = INFO").withFallback(settings.config());
        // Before the first logger exists: slf4j-simple reads its levels once, system properties first.
        System.setProperty("org.slf4j.simpleLogger.log.akka.cluster", "info");
        ActorSystem<Void> system = LabCluster.start(config);
        LabCluster.awaitUp(system);
        ElementSharding.init(system);
        PrintWriter out = spec.commandLine().getOut();
        out.println("nflab: member " + Cluster.get(system).selfMember().address() + " is up"
                + (settings.roles().isEmpty() ? "" : " with roles " + String.join(", ", settings.roles()))
                + "; Ctrl-C leaves the cluster");
        out.flush();
        system.getWhenTerminated().toCompletableFuture().join();
        return ExitCodes.OK;
    }
}
