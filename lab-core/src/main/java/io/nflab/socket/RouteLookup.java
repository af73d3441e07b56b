package io.nflab.socket;

import io.nflab.address.Ipv4Address;

/**
 * The namespace's routing as sockets need it: the source address for a destination (Linux's
 * {@code ip_route_connect}). The net stack implements it; tests use a lambda.
 */
@FunctionalInterface
public interface RouteLookup {

    Route route(Ipv4Address destination);
}
