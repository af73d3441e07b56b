package io.nflab.topology;

import java.util.Objects;

/** An application listening on a node: {@code { proto: tcp, port: 8080, app: http }}. */
public record ServiceSpec(TransportProtocol proto, int port, Application app) {

    public ServiceSpec {
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(app, "app");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!app.transports().contains(proto)) {
            throw new IllegalArgumentException(app.keyword() + " does not run over " + proto.keyword());
        }
    }

    /** {@code tcp/8080 http}. */
    @Override
    public String toString() {
        return proto.keyword() + "/" + port + " " + app.keyword();
    }
}
