package io.nflab.iptables;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.kernel.EtcOverlay;
import io.nflab.kernel.Netns;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.ProcessResult;
import io.nflab.kernel.ProcessRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Replays the whole corpus against the real iptables, each case in a fresh network namespace with
 * the corpus's {@code /etc} files, and checks that every command still gives the recorded exit code,
 * stdout and stderr. This keeps the corpus honest: it proves the expected files are what iptables
 * prints, on this machine too. Skipped without root, network namespaces, or iptables 1.8.9
 * (nf_tables), because another version prints other text.
 */
class LiveIptablesCorpusTest {

    private static final String RECORDED_VERSION = "iptables v1.8.9 (nf_tables)";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    @TestFactory
    Stream<DynamicTest> theRealIptablesStillPrintsWhatTheCorpusRecorded() {
        NetnsAvailability.assumeAvailable();
        NetnsAvailability.assumeInstalled("iptables");
        String version = ProcessRunner.run(List.of("iptables", "--version"), STEP_TIMEOUT).stdout().strip();
        Assumptions.assumeTrue(version.equals(RECORDED_VERSION),
                () -> "the corpus was recorded with '" + RECORDED_VERSION + "', this machine has '" + version + "'");
        IptablesCorpus corpus = IptablesCorpus.load();
        EtcOverlay etc = new EtcOverlay(corpus.etcFiles());
        return corpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c, etc)));
    }

    private static void replay(CorpusCase corpusCase, EtcOverlay etc) {
        List<Executable> checks = new ArrayList<>();
        try (Netns netns = Netns.create("corpus", etc)) {
            for (CorpusStep step : corpusCase.steps()) {
                ProcessResult real = netns.exec(step.argv(), step.stdin(), STEP_TIMEOUT);
                CommandOutcome actual = new CommandOutcome(real.exitCode(), IptablesCorpus.maskTimestamps(real.stdout()),
                        real.stderr());
                checks.add(() -> assertEquals(step.expected(), actual, step.toString()));
            }
        }
        assertAll(corpusCase.name(), checks);
    }
}
