package io.nflab.iptables;

import static org.junit.jupiter.api.Assertions.fail;

import io.nflab.netfilter.Netfilter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the iptables corpus (docs/iptables-corpus.md), run through {@link Iptables#execute}
 * on a fresh {@link Netfilter}: exit code, stdout (timestamps masked) and stderr must be byte for byte
 * what the real iptables 1.8.9 printed. One dynamic test per case; a failure lists every step that
 * differed, with both outputs.
 */
class IptablesEmulatorCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusCaseBehavesLikeTheRealIptables() {
        return IptablesCorpus.load().cases().stream()
                .map(corpusCase -> DynamicTest.dynamicTest(corpusCase.name(), () -> run(corpusCase)));
    }

    private static void run(CorpusCase corpusCase) {
        Netfilter netfilter = Netfilter.empty();
        List<String> differences = new ArrayList<>();
        for (CorpusStep step : corpusCase.steps()) {
            CommandResult result = Iptables.execute(netfilter, step.argv(), step.stdin(), IptablesFixtureTest.EPOCH);
            CommandOutcome actual = new CommandOutcome(result.exitCode(),
                    IptablesCorpus.maskTimestamps(result.stdout()), result.stderr());
            if (!actual.equals(step.expected())) {
                differences.add(step + "\n  expected: " + step.expected() + "\n  actual:   " + actual);
            }
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + " of " + corpusCase.steps().size() + " steps differ:\n"
                    + String.join("\n", differences));
        }
    }
}
