package io.nflab.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.netfilter.target.Goto;
import io.nflab.netfilter.target.Jump;
import io.nflab.netfilter.target.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetfilterTest {

    @Test
    void tablesExistOnlyOnceCreatedAndComeInSaveOrder() {
        Netfilter netfilter = Netfilter.empty();
        assertTrue(netfilter.isEmpty());
        netfilter.createTable(TableKind.NAT);
        netfilter.createTable(TableKind.MANGLE);
        netfilter.createTable(TableKind.FILTER);
        assertEquals(List.of(TableKind.MANGLE, TableKind.FILTER, TableKind.NAT),
                netfilter.tables().stream().map(Table::kind).toList());
        assertEquals(List.of(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING),
                netfilter.table(TableKind.NAT).orElseThrow().builtinChains().stream()
                        .map(chain -> chain.hook().orElseThrow()).toList());
    }

    @Test
    void aCopyIsIndependentOfTheOriginal() {
        Netfilter original = Netfilter.empty();
        Chain input = original.createTable(TableKind.FILTER).builtin(Hook.INPUT).orElseThrow();
        input.append(new Rule(IpSpec.ANY, List.of(), Verdict.ACCEPT), PacketCounters.ZERO);
        Netfilter copy = original.copy();
        input.countRule(0, 84);
        input.setPolicy(Policy.DROP);
        Chain copied = copy.table(TableKind.FILTER).orElseThrow().builtin(Hook.INPUT).orElseThrow();
        assertEquals(PacketCounters.ZERO, copied.ruleCounters(0));
        assertEquals(Policy.ACCEPT, copied.policy().orElseThrow());
    }

    @Test
    void renamingAChainRewritesJumpsAndGotosAndReferencesCountThem() {
        Table filter = Netfilter.empty().createTable(TableKind.FILTER);
        filter.addUserChain("OLD");
        Chain input = filter.builtin(Hook.INPUT).orElseThrow();
        input.append(new Rule(IpSpec.ANY, List.of(), new Jump("OLD")), new PacketCounters(3, 4));
        input.append(new Rule(IpSpec.ANY, List.of(), new Goto("OLD")), PacketCounters.ZERO);
        assertEquals(2, filter.references("OLD"));
        filter.renameUserChain(filter.userChain("OLD").orElseThrow(), "NEW");
        assertEquals(new Jump("NEW"), input.rule(0).target());
        assertEquals(new Goto("NEW"), input.rule(1).target());
        assertEquals(new PacketCounters(3, 4), input.ruleCounters(0));
        assertEquals(0, filter.references("OLD"));
        assertFalse(filter.userChain("OLD").isPresent());
    }

    @Test
    void builtinChainsAreRegisteredOnlyWhenTouched() {
        Table filter = Netfilter.empty().createTable(TableKind.FILTER);
        assertFalse(filter.isRegistered(Hook.INPUT));
        filter.register(Hook.INPUT);
        assertTrue(filter.isRegistered(Hook.INPUT));
        assertFalse(filter.isRegistered(Hook.FORWARD));
    }

    @Test
    void addressAndInterfaceSpecsMatchWithTheirNegation() {
        AddressSpec notTen = new AddressSpec(io.nflab.address.Ipv4Address.parse("10.1.2.3"),
                io.nflab.address.Ipv4Address.parse("255.0.0.0"), true);
        assertEquals("10.0.0.0", notTen.address().toString());
        assertFalse(notTen.matches(io.nflab.address.Ipv4Address.parse("10.9.9.9").bits()));
        assertTrue(notTen.matches(io.nflab.address.Ipv4Address.parse("11.0.0.1").bits()));
        InterfaceSpec tun = new InterfaceSpec("tun", true, false);
        assertTrue(tun.matches("tun0"));
        assertFalse(tun.matches("eth0"));
        assertEquals("tun+", tun.text());
    }
}
