package io.nflab.nat;

import io.nflab.packet.Ipv4Packet;

/**
 * The nat table at one hook, as the net stack evaluates it: called by {@link Nat#process} for the first
 * packet of a connection (only then does a packet traverse the nat chains, as in the kernel).
 */
@FunctionalInterface
public interface NatRules {
    NatVerdict evaluate(Ipv4Packet packet);
}
