package io.nflab.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.nflab.diagnostics.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How this process takes part in a cluster: the address it binds and advertises (Artery TCP), the seed
 * members it joins (none: it forms a cluster of its own), its roles (what {@code placement:} names), and a
 * HOCON file whose settings come before the built-in ones (the options come before the file).
 */
public record MemberSettings(Optional<HostPort> bind, List<HostPort> seeds, List<String> roles,
                             Optional<Path> configFile) {

    /** An embedded one-member cluster on a free loopback port: nothing to configure. */
    public static final MemberSettings EMBEDDED = new MemberSettings(Optional.empty(), List.of(), List.of(),
            Optional.empty());

    public MemberSettings {
        seeds = List.copyOf(seeds);
        roles = List.copyOf(roles);
    }

    /** The actor system's configuration: these settings, then the file, then {@code application.conf}. */
    public Config config() {
        Map<String, Object> options = new HashMap<>();
        bind.ifPresent(address -> {
            options.put("akka.remote.artery.canonical.hostname", address.host());
            options.put("akka.remote.artery.canonical.port", address.port());
        });
        if (!seeds.isEmpty()) {
            options.put("akka.cluster.seed-nodes", seeds.stream().map(HostPort::akkaAddress).toList());
        }
        if (!roles.isEmpty()) {
            options.put("akka.cluster.roles", roles);
        }
        Config config = ConfigFactory.parseMap(options);
        if (configFile.isPresent()) {
            Path file = configFile.get();
            if (!Files.isReadable(file)) {
                throw new UserInputException("cannot read the configuration " + file);
            }
            try {
                config = config.withFallback(ConfigFactory.parseFile(file.toFile()));
            } catch (ConfigException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        return config.withFallback(ConfigFactory.load()).resolve();
    }

    /** A one-line description for messages. */
    @Override
    public String toString() {
        return "bind " + bind.map(HostPort::toString).orElse("(config)") + ", seeds " + seeds + ", roles " + roles
                + configFile.map(f -> ", config " + f).orElse("");
    }
}
