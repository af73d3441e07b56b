package io.nflab.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard only looks at argv; nothing here runs a network program. */
class HostGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "iptables -F", "iptables-restore", "/usr/sbin/iptables-save -c", "iptables-nft -L", "ip6tables -P INPUT DROP",
        "nft flush ruleset", "conntrack -F", "sysctl -w net.ipv4.ip_forward=1", "tc qdisc add dev eth0 root netem",
        "ebtables -F", "ip link add x type veth", "ip route add default via 10.0.0.1", "ip -4 addr add 10.0.0.1/24 dev eth0",
        "ip -batch /tmp/commands", "ip -o -force -batch -", "ip netns set x 1", "ip -n", "ip l a x type dummy"})
    void refusesWhatWouldChangeTheHostsNetwork(String command) {
        KernelCommandException e = assertThrows(KernelCommandException.class, () -> HostGuard.check(words(command)));
        assertTrue(e.getMessage().startsWith("refusing to run '" + command + "' in the host's network namespace ("),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ip netns exec nfk1-1-gw iptables-restore", "ip netns add nfk1-1", "ip netns delete nfk1-1", "ip netns list",
        "ip -n nfk1-1 link add br0 type bridge", "ip -n nfk1-1 -batch -", "ip -batch - -n nfk1-1", "ip -o link show",
        "ip link", "ip -d link show br0", "ip route", "ip a", "iptables --version", "conntrack -V", "sh -c true", "cat"})
    void allowsNamespacedAndReadOnlyCommands(String command) {
        assertDoesNotThrow(() -> HostGuard.check(words(command)));
    }

    @Test
    void processRunnerAppliesTheGuardBeforeStartingAnything() {
        KernelCommandException e = assertThrows(KernelCommandException.class,
                () -> ProcessRunner.run(List.of("iptables", "-F"), Duration.ofSeconds(5)));
        assertEquals("refusing to run 'iptables -F' in the host's network namespace (network programs run only inside"
                + " a namespace: ip netns exec NS iptables …)", e.getMessage());
    }

    private static List<String> words(String command) {
        return List.of(command.split(" "));
    }
}
