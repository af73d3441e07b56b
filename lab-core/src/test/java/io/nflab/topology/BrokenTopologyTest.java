package io.nflab.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.diagnostics.Diagnostic;
import io.nflab.diagnostics.ValidationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every class of topology error, each from a real file under broken/topology/ (its comment explains the case). */
class BrokenTopologyTest {
    private static final String DIR = "src/test/resources/broken/topology/";

    private static List<String> problems(String file) {
        ValidationException e = assertThrows(ValidationException.class, () -> TopologyLoader.load(Path.of(DIR + file)));
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void unknownKeyListsTheAllowedOnesAndSuggestsTheClosest() {
        assertEquals(List.of(DIR + "unknown-key.yaml:9:29: unknown key `adress' in interface `eth0' of node `a';"
                + " expected one of: segment, address, mac, up (did you mean `address'?)"), problems("unknown-key.yaml"));
    }

    @Test
    void missingRequiredKeys() {
        assertEquals(List.of(
                DIR + "missing-required.yaml:7:5: missing required key `kind' in node `a'",
                DIR + "missing-required.yaml:9:9: missing required key `segment' in interface `eth0' of node `a'"),
                problems("missing-required.yaml"));
    }

    @Test
    void wrongTypes() {
        assertEquals(List.of(
                DIR + "wrong-type.yaml:9:7: expected a mapping for `interfaces', found a list",
                DIR + "wrong-type.yaml:14:36: expected an integer 1..65535 for `port', found `www'"),
                problems("wrong-type.yaml"));
    }

    @Test
    void undefinedSegment() {
        assertEquals(List.of(DIR + "undefined-segment.yaml:10:24: undefined segment `lann'; the segments are: internet, lan"),
                problems("undefined-segment.yaml"));
    }

    @Test
    void duplicateYamlKeyAndNodeNamedLikeASegment() {
        assertEquals(List.of(
                DIR + "duplicate-key.yaml:11:3: duplicate key `a'; it is already defined at line 7, column 3",
                DIR + "duplicate-key.yaml:15:3: the node name `lan' is already the name of the segment at line 5;"
                        + " nodes and segments need distinct names"),
                problems("duplicate-key.yaml"));
    }

    @Test
    void sameAddressTwiceOnOneSegment() {
        assertEquals(List.of(DIR + "duplicate-address.yaml:16:38: address 10.0.0.1 is already used on segment `lan'"
                + " by a:eth0 (line 11)"), problems("duplicate-address.yaml"));
    }

    @Test
    void malformedAddresses() {
        assertEquals(List.of(
                DIR + "malformed-address.yaml:9:38: expected an interface address A.B.C.D/LEN for `address',"
                        + " found `192.168.1.300/24'",
                DIR + "malformed-address.yaml:10:38: expected an interface address A.B.C.D/LEN for `address',"
                        + " found `192.168.1.3/33'",
                DIR + "malformed-address.yaml:11:59: expected a MAC address like 02:00:00:00:00:01 for `mac',"
                        + " found `01:00:5e:00:00:01'"),
                problems("malformed-address.yaml"));
    }

    @Test
    void malformedRoutesPointAtTheOffendingWord() {
        assertEquals(List.of(
                DIR + "malformed-route.yaml:11:22: invalid route `default via 192.168.1':"
                        + " invalid gateway address `192.168.1'; expected A.B.C.D",
                DIR + "malformed-route.yaml:12:36: invalid route `10.0.0.0/8 via 192.168.1.1 metrc 5':"
                        + " unexpected word `metrc'; expected via, dev, metric or table",
                DIR + "malformed-route.yaml:13:9: invalid route `10.1.0.1/16 via 192.168.1.1':"
                        + " invalid prefix `10.1.0.1/16' for its length (host bits set); did you mean 10.1.0.0/16?",
                DIR + "malformed-route.yaml:14:31: invalid route `blackhole 10.2.0.0/16 dev eth0':"
                        + " a blackhole route takes no `dev'"),
                problems("malformed-route.yaml"));
    }

    @Test
    void malformedIpRulesPointAtTheOffendingWord() {
        assertEquals(List.of(
                DIR + "malformed-ip-rule.yaml:12:17: invalid rule `fwmark 0xq lookup 100':"
                        + " invalid fwmark `0xq'; expected 0..4294967295 (decimal or 0x hex)",
                DIR + "malformed-ip-rule.yaml:13:14: invalid rule `iif eth9 lookup 100':"
                        + " `eth9' is not an interface of this node",
                DIR + "malformed-ip-rule.yaml:14:17: invalid rule `fwmark 2': a rule needs an action: `lookup TABLE', `goto PREF', nop,"
                        + " blackhole, unreachable or prohibit"),
                problems("malformed-ip-rule.yaml"));
    }

    @Test
    void gatewayOutsideEverySubnetOrOwnAddressOrUnknownDevice() {
        assertEquals(List.of(
                DIR + "unreachable-gateway.yaml:13:21: route `default via 10.0.0.1': gateway 10.0.0.1 is not inside"
                        + " the subnet of any interface of node `a' (eth0 192.168.1.0/24);"
                        + " the kernel answers `Nexthop has invalid gateway'",
                DIR + "unreachable-gateway.yaml:14:43: route `172.16.0.0/12 via 192.168.1.1 dev eth1':"
                        + " node `a' has no interface `eth1'; its interfaces are: eth0"),
                problems("unreachable-gateway.yaml"));
    }

    @Test
    void routesTheKernelAlreadyHas() {
        assertEquals(List.of(
                DIR + "duplicate-route.yaml:12:9: route `192.168.1.0/24 dev eth0': a route to 192.168.1.0/24 with"
                        + " metric 0 already exists (the connected route of eth0); the kernel answers `File exists'",
                DIR + "duplicate-route.yaml:14:9: route `10.0.0.0/8 via 192.168.1.254': a route to 10.0.0.0/8 with"
                        + " metric 0 already exists (the route at line 13); the kernel answers `File exists'"),
                problems("duplicate-route.yaml"));
    }

    @Test
    void missingRulesFilePointsAtTheFirewallValue() {
        assertEquals(List.of(DIR + "missing-rules-file.yaml:10:15: cannot read rules file `no-such.rules' ("
                + Path.of(DIR, "no-such.rules") + "): no such file"), problems("missing-rules-file.yaml"));
    }

    @Test
    void rulesFileRefusedByIptablesRestoreNamesItsLine() {
        assertEquals(List.of(DIR + "bad.rules:6:1: iptables-restore refuses the bad.rules ruleset:"
                + " iptables-restore v1.8.9 (nf_tables): invalid port/service `99999' specified;"
                + " Error occurred at line: 6"), problems("bad-rules-file.yaml"));
    }

    @Test
    void inlineRulesRefusedByIptablesRestoreNameTheTopologyLine() {
        assertEquals(List.of(DIR + "bad-inline-rules.yaml:14:1: iptables-restore refuses the inline ruleset:"
                + " iptables-restore v1.8.9 (nf_tables): Can't use -o with INPUT; Error occurred at line: 3"),
                problems("bad-inline-rules.yaml"));
    }

    @Test
    void yamlSyntaxErrorNamesWhereTheConstructBegan() {
        assertEquals(List.of(DIR + "yaml-syntax.yaml:10:1: YAML syntax error: expected ',' or '}', but got <stream end>"
                + " (while parsing a flow mapping at line 9, column 13)"), problems("yaml-syntax.yaml"));
    }

    @Test
    void emptyFile() {
        assertEquals(List.of(DIR + "empty.yaml:1:1: empty topology; expected a mapping with keys:"
                + " name, description, segments, nodes"), problems("empty.yaml"));
    }

    @Test
    void problemsInNodeDetails() {
        assertEquals(List.of(
                DIR + "node-details.yaml:11:7: `lo' is the loopback interface every node already has;"
                        + " give this interface another name",
                DIR + "node-details.yaml:14:7: unsupported sysctl `net.ipv4.ip_foward'; nflab knows:"
                        + " net.ipv4.ip_forward, net.ipv4.ip_default_ttl, net.ipv4.icmp_echo_ignore_all,"
                        + " net.ipv4.ip_local_port_range, net.ipv4.conf.*.rp_filter, net.ipv4.conf.*.route_localnet,"
                        + " net.netfilter.nf_conntrack_helper, net.netfilter.nf_conntrack_acct,"
                        + " net.netfilter.nf_conntrack_max, net.netfilter.nf_conntrack_tcp_loose,"
                        + " net.netfilter.nf_conntrack_tcp_timeout_established, net.netfilter.nf_conntrack_udp_timeout,"
                        + " net.netfilter.nf_conntrack_udp_timeout_stream, net.netfilter.nf_conntrack_icmp_timeout,"
                        + " net.netfilter.nf_conntrack_generic_timeout",
                DIR + "node-details.yaml:15:7: sysctl `net.ipv4.conf.eth7.rp_filter' names no interface of this node;"
                        + " expected all, default or one of: eth0",
                DIR + "node-details.yaml:16:37: expected an integer 0..2 for `net.ipv4.conf.eth0.rp_filter', found `3'",
                DIR + "node-details.yaml:18:18: http runs over tcp, not udp",
                DIR + "node-details.yaml:20:9: node `a' already has a service on tcp port 7 (echo at line 19)"),
                problems("node-details.yaml"));
    }
}
