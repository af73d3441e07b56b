package io.nflab.cli;

import io.nflab.cluster.HostPort;
import io.nflab.cluster.MemberSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The cluster options of {@code nflab node}, {@code run} and {@code replay} (a picocli mixin). */
final class MemberOptions {

    @Option(names = "--bind", paramLabel = "HOST:PORT",
            description = "the address this member binds and other members reach it at (default: 127.0.0.1 and "
                    + "a free port; ${COMMAND-NAME} node: 127.0.0.1:" + NodeCommand.DEFAULT_PORT + ")")
    private String bind;

    @Option(names = "--seed", paramLabel = "HOST:PORT", arity = "1..*",
            description = "a member of the cluster to join (repeatable); without one, a cluster of its own")
    private List<String> seeds = new ArrayList<>();

    @Option(names = "--role", paramLabel = "ROLE", arity = "1..*",
            description = "a role of this member: lab elements whose placement names it run here")
    private List<String> roles = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "a HOCON file of Akka and nflab settings (the options above win over it)")
    private Path config;

    /** The settings, with {@code defaultBind} when {@code --bind} is not given. */
    MemberSettings settings(Optional<HostPort> defaultBind) {
        return new MemberSettings(bind == null ? defaultBind : Optional.of(HostPort.parse(bind)),
                seeds.stream().map(HostPort::parse).toList(), roles, Optional.ofNullable(config));
    }

    /** The settings; without {@code --bind}, the configuration's address (loopback, a free port). */
    MemberSettings settings() {
        return settings(Optional.empty());
    }
}
