package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.packet.PacketText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TRACE entries as ip_tables' trace_packet names them: rule, return and policy, with their numbers. */
class TraceTest {
    private static final String SYN = "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S seq 7";

    private final RecordingLog log = new RecordingLog();

    private NetfilterEngine engine(Netfilter netfilter) {
        return new NetfilterEngine(netfilter, EngineEnvironment.standalone().withLog(log));
    }

    private static PacketContext in() {
        return PacketContext.of(PacketText.parse(SYN)).interfaces("eth0", "");
    }

    @Test
    void tracedFromTheTraceRuleOnAcrossTablesAndChains() {
        Netfilter netfilter = Rulesets.of("-t raw -A PREROUTING -p tcp -j TRACE", "-N CHECK",
                "-A INPUT -p udp -j ACCEPT", "-A INPUT -j CHECK", "-A INPUT -j ACCEPT",
                "-A CHECK -p tcp --dport 80 -j ACCEPT", "-A CHECK -p tcp -m comment --comment x");
        NetfilterEngine engine = engine(netfilter);
        PacketContext packet = in();
        engine.evaluate(TableKind.RAW, Hook.PREROUTING, packet);
        engine.evaluate(TableKind.FILTER, Hook.INPUT, packet);
        assertEquals(List.of("raw:PREROUTING:policy:2", "filter:INPUT:rule:2", "filter:CHECK:rule:2",
                "filter:CHECK:return:3", "filter:INPUT:policy:3"), log.tracePlaces());
    }

    @Test
    void traceLinesCarryEveryLogOption() {
        Netfilter netfilter = Rulesets.of("-A INPUT -p tcp -j DROP");
        engine(netfilter).evaluate(TableKind.FILTER, Hook.INPUT, in().traced(true));
        assertEquals(1, log.traces.size());
        assertEquals("TRACE: filter:INPUT:rule:1 IN=eth0 OUT= MAC= SRC=10.0.0.2 DST=10.0.0.1 LEN=40 TOS=0x00 PREC=0x00 "
                + "TTL=64 ID=0 PROTO=TCP SPT=40000 DPT=22 SEQ=7 ACK=0 WINDOW=64240 RES=0x00 SYN URGP=0 ",
                log.traces.get(0).line());
        assertEquals(new Place(Hook.INPUT, TableKind.FILTER, "INPUT", Place.Step.RULE, 1), log.traces.get(0).place());
    }

    @Test
    void unconditionalVerdictRulesAreNamedLikeChainTails() {
        Netfilter netfilter = Rulesets.of("-N USER", "-A INPUT -j USER", "-A USER -j RETURN", "-A INPUT -j DROP");
        engine(netfilter).evaluate(TableKind.FILTER, Hook.INPUT, in().traced(true));
        assertEquals(List.of("filter:INPUT:rule:1", "filter:USER:return:1", "filter:INPUT:policy:2"),
                log.tracePlaces());
    }

    @Test
    void defaultTraceGoesToTheKernelLogAtLevelFour() {
        RecordingLines lines = new RecordingLines();
        Netfilter netfilter = Rulesets.of("-A INPUT -p tcp -j ACCEPT");
        new NetfilterEngine(netfilter, EngineEnvironment.standalone().withLog(lines))
                .evaluate(TableKind.FILTER, Hook.INPUT, in().traced(true));
        assertEquals(List.of(4), lines.levels);
        assertTrue(lines.lines.get(0).startsWith("TRACE: filter:INPUT:rule:1 IN=eth0 "));
    }

    @Test
    void untracedPacketsProduceNothing() {
        Netfilter netfilter = Rulesets.of("-A INPUT -p tcp -j ACCEPT");
        engine(netfilter).evaluate(TableKind.FILTER, Hook.INPUT, in());
        assertEquals(List.of(), log.traces);
    }

    /** A log that keeps only lines: traces reach it through the default {@link PacketLog#trace}. */
    private static final class RecordingLines implements PacketLog {
        final List<String> lines = new java.util.ArrayList<>();
        final List<Integer> levels = new java.util.ArrayList<>();

        @Override
        public void log(int level, String line) {
            levels.add(level);
            lines.add(line);
        }
    }
}
